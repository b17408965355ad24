//! What the reviewer's pages and the administrator's records receive.

use serde::{Deserialize, Serialize};

use super::{ApplicationState, ExamSummary, FlagView, MaterialView, TimelineEntry};
use crate::domain::personal_form::FormValues;
use crate::domain::{CategoryDefinition, ExamDefinition, ExamPhase};

/// Which applications the queue lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueFilter {
    /// Submitted or resubmitted: waiting for a decision.
    Awaiting,
    /// Only one state.
    State(ApplicationState),
    /// Everything handed in at least once.
    All,
}

impl QueueFilter {
    pub fn states(self) -> Vec<ApplicationState> {
        match self {
            QueueFilter::Awaiting => vec![ApplicationState::Submitted, ApplicationState::Resubmitted],
            QueueFilter::State(state) => vec![state],
            QueueFilter::All => {
                ApplicationState::ENTERED.iter().copied().filter(|s| *s != ApplicationState::Draft).collect()
            }
        }
    }

    /// The value of the filter's `<select>`.
    pub fn key(self) -> String {
        match self {
            QueueFilter::Awaiting => "awaiting".into(),
            QueueFilter::All => "all".into(),
            QueueFilter::State(state) => state.as_str().into(),
        }
    }

    pub fn from_key(key: &str) -> QueueFilter {
        match key {
            "all" => QueueFilter::All,
            "awaiting" | "" => QueueFilter::Awaiting,
            state => match ApplicationState::parse(state) {
                ApplicationState::NotStarted | ApplicationState::Draft => QueueFilter::Awaiting,
                state => QueueFilter::State(state),
            },
        }
    }
}

/// Where the next page of the queue starts: after this (last submitted, id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCursor {
    /// RFC 3339, UTC.
    pub submitted_at: String,
    pub id: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub exam_code: String,
    pub filter: QueueFilter,
    /// Submitted on or after this day (YYYY-MM-DD, in the exam's offset).
    pub from: Option<String>,
    /// Submitted on or before this day.
    pub to: Option<String>,
    pub after: Option<QueueCursor>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub application_id: i32,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub state: ApplicationState,
    pub round: i32,
    pub last_submitted_at: String,
    /// Who took it last, if anyone.
    pub reviewer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub exam: ExamSummary,
    pub rows: Vec<QueueRow>,
    /// Applications per state in this exam (drafts included, never-started excluded).
    pub counts: Vec<(ApplicationState, u64)>,
    /// Present when more rows follow.
    pub next: Option<QueueCursor>,
}

/// An exam on the reviewer's start page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewerExam {
    pub exam: ExamSummary,
    pub phase: ExamPhase,
    pub awaiting: u64,
}

/// The file an image had before the candidate replaced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviousImage {
    pub url: String,
    pub uploaded_at: String,
    pub replaced_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewImage {
    pub material: MaterialView,
    /// Replaced after the last return: the old file, to compare side by side.
    pub previous: Option<PreviousImage>,
    /// What the last return said about this image.
    pub last_flag: Option<FlagView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewCategory {
    pub definition: CategoryDefinition,
    /// In sequence-number order.
    pub images: Vec<ReviewImage>,
}

/// One application on the review screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewSheet {
    pub application_id: i32,
    pub exam: ExamSummary,
    pub definition: ExamDefinition,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub state: ApplicationState,
    pub round: i32,
    /// The version a decision must name.
    pub version: i32,
    /// Who holds the application now, and whether that is the person looking.
    pub taken_by: Option<String>,
    pub taken_by_me: bool,
    pub form: FormValues,
    pub position: Option<String>,
    pub form_flag: Option<FlagView>,
    pub categories: Vec<ReviewCategory>,
    /// The application's timeline, newest first (results included: reviewers see them).
    pub history: Vec<TimelineEntry>,
}

/// A reviewer account on the administrator's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewerRow {
    pub id: i32,
    pub name: String,
    pub id_number_masked: String,
    pub email: Option<String>,
    pub exams: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// The line's place in the log: pages are read by it (newest first).
    pub id: i32,
    /// UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Applications per state at the end of each day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressSeries {
    pub exam: ExamSummary,
    /// YYYY-MM-DD in the exam's offset.
    pub days: Vec<String>,
    pub series: Vec<(ApplicationState, Vec<u64>)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i32,
    pub at: String,
    pub message_zh: String,
    pub message_en: String,
    pub link: String,
    pub read: bool,
}

/// Which lines of the audit log to read: one kind of action, or all but failed logins (so a flood
/// of them hides nothing else); text the actor or target contains; lines older than `before_id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub hide_failed_logins: bool,
    #[serde(default)]
    pub before_id: Option<i32>,
}

/// Every kind of line the audit log holds (as `ssr::audit::AuditAction` names them), with the
/// words the filter shows.
pub const AUDIT_ACTIONS: [(&str, &str, &str); 15] = [
    ("decision", "审核决定", "Decision"),
    ("unlock", "退回解锁", "Unlock"),
    ("role_change", "角色变更", "Role change"),
    ("failed_login", "登录失败", "Failed login"),
    ("id_number_revealed", "查看完整证件号", "ID number revealed"),
    ("password_reset", "重置密码", "Password reset"),
    ("password_changed", "修改密码", "Password changed"),
    ("id_number_released", "释放证件号", "ID number released"),
    ("account_created", "创建账号", "Account created"),
    ("demo_data_created", "创建演示数据", "Demo data created"),
    ("exam_created", "创建考试", "Exam created"),
    ("exam_changed", "修改考试配置", "Exam file changed"),
    ("windows_changed", "修改时间窗口", "Windows changed"),
    ("eligibility_imported", "导入考生名单", "Eligibility list imported"),
    ("example_added", "上传示例图片", "Example picture added"),
];

//! What crosses the wire between server and browser. No secrets, no storage keys, no hashes.

pub mod account;
pub mod review;

pub use account::RecoveryChannel;

use serde::{Deserialize, Serialize};

use crate::domain::completeness::MissingItem;
use crate::domain::exam_windows::Deadline;
use crate::domain::personal_form::FormValues;
use crate::domain::{CategoryDefinition, ExamDefinition, ExamPhase, ImageFormat};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Candidate,
    Reviewer,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        [Role::Candidate, Role::Reviewer, Role::Admin].into_iter().find(|r| r.as_str() == text)
    }
}

/// The signed-in person as pages show them: the ID number masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub id_number_masked: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamSummary {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
}

/// One stored image, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialView {
    pub id: String,
    pub category: String,
    pub seq_no: u32,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub original_name: String,
    pub uploaded_at: String,
    /// Submitted: the image can no longer be replaced or removed (已锁定).
    pub locked: bool,
    /// Returned for replacement: why, as the reviewer wrote it.
    pub flag: Option<FlagView>,
}

impl MaterialView {
    pub fn file_url(&self) -> String {
        format!("/api/materials/{}/file", self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryWithMaterials {
    pub definition: CategoryDefinition,
    /// In sequence-number order.
    pub materials: Vec<MaterialView>,
}

impl CategoryWithMaterials {
    /// The smallest sequence number not yet used, offered as the default for the next upload.
    pub fn next_free_seq_no(&self) -> u32 {
        (1..).find(|n| !self.materials.iter().any(|m| m.seq_no == *n)).unwrap_or(1)
    }
}

/// Where a candidate's application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Not entered yet (no pledge accepted).
    NotStarted,
    /// Pledge accepted; uploading and filling in, saved as a draft.
    Draft,
    /// 提交审核 done: everything locked, waiting for a reviewer.
    Submitted,
    /// Sent back: the flagged images (and the form, if flagged) are open for the candidate.
    Returned,
    /// Corrected and submitted again, waiting for a reviewer.
    Resubmitted,
    Approved,
    Rejected,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 7] = [
        ApplicationState::NotStarted,
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::Returned,
        ApplicationState::Resubmitted,
        ApplicationState::Approved,
        ApplicationState::Rejected,
    ];

    /// Every state an application can be in once the candidate has entered (all but NotStarted).
    pub const ENTERED: &'static [ApplicationState] = Self::ALL.split_at(1).1;

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "not_started",
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Returned => "returned",
            ApplicationState::Resubmitted => "resubmitted",
            ApplicationState::Approved => "approved",
            ApplicationState::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> ApplicationState {
        Self::ALL.into_iter().find(|s| s.as_str() == text).unwrap_or(ApplicationState::NotStarted)
    }

    /// Waiting for a reviewer's decision.
    pub fn awaits_review(self) -> bool {
        matches!(self, ApplicationState::Submitted | ApplicationState::Resubmitted)
    }

    /// A final decision: it reaches the candidate only at the exam's results time.
    pub fn is_result(self) -> bool {
        matches!(self, ApplicationState::Approved | ApplicationState::Rejected)
    }

    /// What the candidate may know: before the results time a decided application still reads
    /// as under review.
    pub fn as_seen_by_candidate(self, results_published: bool) -> ApplicationState {
        if self.is_result() && !results_published {
            ApplicationState::Submitted
        } else {
            self
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "未开始",
            ApplicationState::Draft => "未提交（草稿）",
            ApplicationState::Submitted => "已提交审核",
            ApplicationState::Returned => "退回修改",
            ApplicationState::Resubmitted => "已重新提交",
            ApplicationState::Approved => "审核通过",
            ApplicationState::Rejected => "审核不通过",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "Not started",
            ApplicationState::Draft => "Draft, not submitted",
            ApplicationState::Submitted => "Submitted for review",
            ApplicationState::Returned => "Returned for revision",
            ApplicationState::Resubmitted => "Resubmitted",
            ApplicationState::Approved => "Approved",
            ApplicationState::Rejected => "Rejected",
        }
    }
}

pub fn phase_label(phase: ExamPhase) -> (&'static str, &'static str) {
    match phase {
        ExamPhase::NotYetOpen => ("未开放", "Not open yet"),
        ExamPhase::Open => ("上传中", "Open for upload"),
        ExamPhase::Closed => ("上传已截止", "Upload closed"),
        ExamPhase::ResultsPublished => ("结果已公布", "Results published"),
    }
}

/// One line of 我的考试.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamCard {
    pub exam: ExamSummary,
    pub phase: ExamPhase,
    /// The next moment that matters, already written in the exam's offset.
    pub next_deadline: Option<(Deadline, String)>,
    pub state: ApplicationState,
}

/// Everything the candidate's exam page shows, decided by the server's clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamWithMaterials {
    pub exam: ExamSummary,
    pub definition: ExamDefinition,
    pub phase: ExamPhase,
    /// Seconds until upload closes, by the server's clock, while it is open: the countdown
    /// starts from this, not from the browser's idea of the date.
    pub seconds_until_close: Option<i64>,
    pub opens_at: String,
    pub closes_at: String,
    pub pledge_accepted_at: Option<String>,
    pub state: ApplicationState,
    pub submitted_at: Option<String>,
    /// Uploads, deletions, reordering and the form may change now (a draft in the window).
    pub editable: bool,
    /// Returned and still within review: the flagged images may be replaced, then resubmitted.
    pub revising: bool,
    /// The personal form may change (a draft, or a return that flagged it).
    pub form_editable: bool,
    pub categories: Vec<CategoryWithMaterials>,
    pub form: FormValues,
    pub position: Option<String>,
    /// What 提交审核 would still refuse for.
    pub missing: Vec<MissingItem>,
    /// Returned with the personal form to correct: why.
    pub form_flag: Option<FlagView>,
    /// Messages about the application, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// Returned: changes are allowed until this moment (the end of review).
    pub revise_until: Option<String>,
    /// The final decision, once the results time has come.
    pub result: Option<ResultView>,
}

/// A reviewer's request to replace an image or correct the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub reason: crate::domain::review_decision::ReviewReason,
    pub comment: String,
}

impl FlagView {
    pub fn text_zh(&self) -> String {
        if self.comment.is_empty() {
            self.reason.label_zh().to_string()
        } else {
            format!("{}：{}", self.reason.label_zh(), self.comment)
        }
    }

    pub fn text_en(&self) -> String {
        if self.comment.is_empty() {
            self.reason.label_en().to_string()
        } else {
            format!("{}: {}", self.reason.label_en(), self.comment)
        }
    }
}

/// One timestamped message on the candidate's timeline (as in 2020/3/14 22:02:08 上报完成).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Written in the exam's offset, e.g. "2026/11/21 22:02:08".
    pub at: String,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    pub state: ApplicationState,
    pub reason: Option<String>,
}

/// An exam on the administrator's list, with how many candidates are in each state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminExamRow {
    pub exam: ExamSummary,
    pub phase: ExamPhase,
    pub opens_at: String,
    pub closes_at: String,
    /// Applications per state; candidates who never entered are not counted.
    pub counts: Vec<(ApplicationState, u64)>,
    pub eligibility: crate::domain::Eligibility,
    pub on_list: u64,
}

/// A preset an exam can be created from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PresetInfo {
    pub code: String,
    pub file: String,
    pub title_zh: String,
    pub title_en: String,
}

/// One exam on its administration page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminExamPage {
    pub row: AdminExamRow,
    /// The exam file as the administrator wrote it.
    pub source: String,
    /// The four windows as `<input type="datetime-local">` values, in the exam's offset.
    pub windows_local: [String; 4],
    /// That offset, e.g. "+08:00".
    pub offset: String,
}

/// What an eligibility import did: how many rows were kept, and every bad row by line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EligibilityReport {
    pub accepted: u64,
    pub total_on_list: u64,
    pub problems: Vec<(u64, String, String)>,
}

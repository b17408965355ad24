//! What crosses the wire between server and browser. No secrets, no storage keys, no hashes.

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Not entered yet (no pledge accepted).
    NotStarted,
    /// Pledge accepted; uploading and filling in, saved as a draft.
    Draft,
    /// 提交审核 done: everything locked.
    Submitted,
}

impl ApplicationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "not_started",
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> ApplicationState {
        match text {
            "draft" => ApplicationState::Draft,
            "submitted" => ApplicationState::Submitted,
            _ => ApplicationState::NotStarted,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "未开始",
            ApplicationState::Draft => "未提交（草稿）",
            ApplicationState::Submitted => "已提交审核",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "Not started",
            ApplicationState::Draft => "Draft, not submitted",
            ApplicationState::Submitted => "Submitted for review",
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
    /// Uploads, deletions, reordering and the form may change now.
    pub editable: bool,
    pub categories: Vec<CategoryWithMaterials>,
    pub form: FormValues,
    pub position: Option<String>,
    /// What 提交审核 would still refuse for.
    pub missing: Vec<MissingItem>,
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

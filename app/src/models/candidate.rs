//! What the candidate's pages receive: 我的考试 and the exam page.

use serde::{Deserialize, Serialize};

use super::exam::{beside_definitions, ExamSummary};
use super::feedback::{FlagView, TimelineEntry};
use crate::domain::china_time::ChinaTime;
use crate::domain::exam_windows::Deadline;
use crate::domain::personal_form::{FormField, FormValues};
use crate::domain::position_tree::PositionNode;
use crate::domain::record_ids::MaterialId;
use crate::domain::required_when::ExamParts;
use crate::domain::{ApplicationState, CategoryDefinition, ExamDefinition, ExamPhase, FileFormat};

/// One stored picture, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialView {
    pub id: MaterialId,
    pub category: String,
    pub seq_no: u32,
    pub format: FileFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub original_name: String,
    pub uploaded_at: ChinaTime,
    /// Submitted: the picture can no longer be replaced or removed (已锁定).
    pub locked: bool,
    /// Returned for replacement: why, as the reviewer wrote it.
    pub flag: Option<FlagView>,
}

impl MaterialView {
    pub fn file_url(&self) -> String {
        format!("/api/materials/{}/file", self.id)
    }

    /// Its small copy, for the lists (`candidate::material_thumbnails`).
    pub fn thumb_url(&self) -> String {
        format!("/api/materials/{}/thumb", self.id)
    }
}

/// A category with its rules and the candidate's pictures, put together in the browser.
#[derive(Clone, Debug, PartialEq)]
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

/// One line of 我的考试.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamCard {
    pub exam: ExamSummary,
    pub phase: ExamPhase,
    /// The next moment that matters.
    pub next_deadline: Option<(Deadline, ChinaTime)>,
    pub state: ApplicationState,
    /// A listed candidate's own days (seed 004): by when to submit, or that it lapsed (zh, en).
    pub own_days: Option<(String, String)>,
    /// 逾期放弃: the state reads so, instead of 未开始 or 草稿.
    pub lapsed: bool,
    /// The 报考类别 and 考区 the registration system named (seed 003), (zh, en).
    pub registered_as: Option<(String, String)>,
    /// 系统使用咨询 in both languages; none where the exam gives none.
    pub helpline: Option<(String, String)>,
    /// 请关注本人身份证有效期 (seed 002): the document expires before the day it must hold, (zh, en).
    pub id_validity: Option<(String, String)>,
}

/// Everything the candidate's exam page shows, decided by the server's clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamWithMaterials {
    pub exam: ExamSummary,
    pub definition: CandidateDefinition,
    pub phase: ExamPhase,
    /// Seconds until upload closes, by the server's clock, while it is open: the countdown
    /// starts from this, not from the browser's idea of the date.
    pub seconds_until_close: Option<i64>,
    pub opens_at: ChinaTime,
    pub closes_at: ChinaTime,
    /// A listed candidate's own days (seed 004): by when to submit, or that it lapsed (zh, en).
    pub own_days: Option<(String, String)>,
    /// 逾期放弃: the state reads so, instead of 未开始 or 草稿.
    pub lapsed: bool,
    /// The 报考类别 and 考区 the registration system named (seed 003), (zh, en).
    pub registered_as: Option<(String, String)>,
    /// The 报考类别 alone, which a category's `required_when` may name.
    pub registration_category: Option<String>,
    pub pledge_accepted_at: Option<ChinaTime>,
    pub state: ApplicationState,
    pub submitted_at: Option<ChinaTime>,
    /// Uploads, deletions, reordering and the form may change now (a draft in the window).
    pub editable: bool,
    /// Returned and still within review: the flagged pictures may be replaced, then resubmitted.
    pub revising: bool,
    /// The personal form may change (a draft, or a return that flagged it).
    pub form_editable: bool,
    pub categories: Vec<CategoryMaterials>,
    pub form: FormValues,
    pub position: Option<String>,
    /// Returned with the personal form to correct: why.
    pub form_flag: Option<FlagView>,
    /// Messages about the application, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// Returned: changes are allowed until this moment (the end of review).
    pub revise_until: Option<ChinaTime>,
    /// The final decision, once the results time has come.
    pub result: Option<ResultView>,
    /// The exam's steps of applying, in the reader's language (a change of language loads the page
    /// again), and the index of the one the candidate is at (`domain::application_flow`).
    #[serde(default)]
    pub flow: Vec<String>,
    #[serde(default)]
    pub flow_at: usize,
    /// Where this device keeps the candidate's unsent typing for this exam ("<account>:<exam>"):
    /// one person's draft never shows to another who signs in on the same browser.
    #[serde(default)]
    pub draft_key: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    pub state: ApplicationState,
    pub reason: Option<String>,
}

/// What of the exam's definition the exam page works with. The rest (the windows, who is eligible,
/// the fee's, the form's and the ticket's details, the rooms) stays on the server: the page
/// receives the moments it shows already written, and each decoder the browser does not need is
/// code a phone does not download.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateDefinition {
    pub pledge_zh: String,
    pub pledge_en: String,
    /// With their rules: the browser judges a file by them before sending it.
    pub categories: Vec<CategoryDefinition>,
    pub form: Vec<FormField>,
    pub positions: Vec<PositionNode>,
    /// A fee is paid after approval (报名费).
    pub charges_fee: bool,
    /// Approved candidates print a registration form for their employer to stamp (报名登记表).
    pub prints_registration_form: bool,
    /// Approved candidates print a letter for their unit and its Party organisation to stamp
    /// (介绍信和党员关系证明信).
    pub prints_introduction_letter: bool,
    /// From when an admission ticket (准考证) can be printed.
    pub ticket_opens: Option<ChinaTime>,
    /// 系统使用咨询 in both languages (`domain::helpline`); none where the exam gives none.
    pub helpline: Option<(String, String)>,
}

impl CandidateDefinition {
    /// What a category's `required_when` may name.
    pub fn parts(&self) -> ExamParts<'_> {
        ExamParts { form: &self.form, positions: &self.positions }
    }
}

impl From<&ExamDefinition> for CandidateDefinition {
    fn from(definition: &ExamDefinition) -> Self {
        CandidateDefinition {
            pledge_zh: definition.pledge_zh.clone(),
            pledge_en: definition.pledge_en.clone(),
            categories: definition.categories.clone(),
            form: definition.form.clone(),
            positions: definition.positions.clone(),
            charges_fee: definition.fee.is_some(),
            prints_registration_form: definition.registration_form.is_some(),
            prints_introduction_letter: definition.introduction_letter.is_some(),
            ticket_opens: definition.ticket.as_ref().map(|ticket| ChinaTime::of(&ticket.opens)),
            helpline: definition.helpline.as_ref().map(|helpline| helpline.words()),
        }
    }
}

/// One category's pictures as the exam page receives them. The category's rules travel once, in
/// the exam's definition; `ExamWithMaterials::category_views` puts the two together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryMaterials {
    pub code: String,
    /// In sequence-number order.
    pub materials: Vec<MaterialView>,
}

impl ExamWithMaterials {
    /// Each category of the exam with its definition and the candidate's pictures, in the exam's
    /// order.
    pub fn category_views(&self) -> Vec<CategoryWithMaterials> {
        beside_definitions(&self.definition.categories, &self.categories, |c| c.code.as_str(), |c| &c.materials)
            .into_iter()
            .map(|(definition, materials)| CategoryWithMaterials { definition, materials })
            .collect()
    }
}

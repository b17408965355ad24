//! 现场报名 at the branch's on-site check (seed 004, 七 and 八): the candidate found by a scanned form or a
//! typed ID number, each listed original beside the scans uploaded for it, the ticks, the outcome
//! and the fee; and the day's progress for administrators.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::record_ids::{ApplicationId, ExamCode};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnSiteCandidate {
    pub application_id: ApplicationId,
    /// The version of the on-site check's check this card shows (0: nothing ticked yet); every act sends
    /// it back, and is refused when another staff member changed the check since.
    pub check_version: i32,
    pub exam_code: ExamCode,
    pub name: String,
    pub id_number_masked: String,
    /// What they applied for: the exam's title, and the position where the exam has positions
    /// (zh, en).
    pub applied_for: (String, String),
    /// The ID photo's address (`/api/materials/{id}/file`), when one was uploaded.
    pub photo: Option<String>,
    pub items: Vec<OnSiteItem>,
    /// Once recorded.
    pub outcome: Option<OnSiteOutcome>,
    pub reason: Option<String>,
    /// Who recorded the outcome, and when.
    pub decided: Option<(String, ChinaTime)>,
    /// The required originals not yet seen nor stood in for (zh, en).
    pub missing: Vec<(String, String)>,
    /// The exam takes its fee on site, and only after 原件审核通过.
    pub fee_on_site: bool,
    pub fee_after_check: bool,
    /// The fee is paid (the order's number), on site or online.
    pub fee_paid: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnSiteItem {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub count: u32,
    /// 留存 (kept by the branch) rather than 带回.
    pub kept: bool,
    pub required: bool,
    /// The original this item may stand in for (its names).
    pub stands_in_for: Option<(String, String)>,
    /// The scans the candidate uploaded for it (addresses of the files).
    pub scans: Vec<String>,
    /// For a document Zige printed (介绍信), what it printed, to check the paper against (zh, en).
    pub issued: Option<(String, String)>,
    pub seen: bool,
    pub received: bool,
}

/// The day's progress at the on-site check, over the exam's approved candidates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OnSiteProgress {
    pub approved: u64,
    /// Ticks begun or outcome recorded.
    pub checked: u64,
    pub passed: u64,
    pub failed: u64,
    /// Approved, not yet at the on-site check.
    pub to_come: u64,
}

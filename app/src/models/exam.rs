//! An exam as every audience names it, and the words for its phase.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::record_ids::ExamCode;
use crate::domain::{ApplicationState, CategoryDefinition, ExamPhase};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamSummary {
    pub code: ExamCode,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
}

pub fn phase_label(phase: ExamPhase) -> (&'static str, &'static str) {
    match phase {
        ExamPhase::NotYetOpen => ("未开放", "Not open yet"),
        ExamPhase::Open => ("上传中", "Open for upload"),
        ExamPhase::Closed => ("上传已截止", "Upload closed"),
        ExamPhase::ResultsPublished => ("结果已公布", "Results published"),
    }
}

/// What the candidate's application reads as: its state, or 逾期放弃 once their own days ended
/// with nothing submitted (not 未开始 beside the lapse).
pub fn state_label(state: ApplicationState, lapsed: bool) -> (&'static str, &'static str) {
    if lapsed {
        ("逾期放弃", "Lapsed")
    } else {
        (state.label_zh(), state.label_en())
    }
}

/// Each category of the exam, in the exam's order, with the items sent for it (none when none
/// were): category rules travel once, in the definition, and are put back beside their items here.
pub fn beside_definitions<G, T: Clone>(
    categories: &[CategoryDefinition],
    groups: &[G],
    code_of: impl Fn(&G) -> &str,
    items_of: impl Fn(&G) -> &Vec<T>,
) -> Vec<(CategoryDefinition, Vec<T>)> {
    categories
        .iter()
        .map(|category| {
            let items = groups.iter().find(|g| code_of(g) == category.code).map(&items_of).cloned();
            (category.clone(), items.unwrap_or_default())
        })
        .collect()
}

/// One ID-photo rule the public photo tool (证件照处理) can prepare a photo for: an exam's category
/// whose rules ask an aspect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoRuleChoice {
    pub exam: ExamSummary,
    pub category: CategoryDefinition,
}

/// 《岗位及其资格条件一览表》 of one exam: every position, and the units to narrow it to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionsTable {
    pub exam_code: ExamCode,
    pub title_zh: String,
    pub title_en: String,
    pub units: Vec<crate::domain::position_table::UnitChoice>,
    pub rows: Vec<crate::domain::position_table::PositionRow>,
}

/// 报考须知 as its page shows it (`ssr::candidate::notice`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeView {
    pub exam_code: ExamCode,
    pub title_zh: String,
    pub title_en: String,
    pub text_zh: String,
    pub text_en: String,
    /// When the candidate accepted it; none yet.
    pub accepted_at: Option<ChinaTime>,
}

//! An exam as every audience names it, and the words for its phase.

use serde::{Deserialize, Serialize};

use crate::domain::ExamPhase;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamSummary {
    pub code: String,
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

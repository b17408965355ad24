//! 考试成绩 as candidates and administrators see them.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::record_ids::ExamCode;

/// One subject of a candidate's scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectScore {
    pub subject: String,
    /// "78.5", or 缺考 / Absent.
    pub score_zh: String,
    pub score_en: String,
    pub pass_mark: Option<String>,
    /// Whether it reaches the pass mark; none where the subject has none.
    pub passed: Option<bool>,
}

/// A candidate's own scores in one exam, once published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamScoreCard {
    pub exam_code: ExamCode,
    pub title_zh: String,
    pub title_en: String,
    pub published_at: ChinaTime,
    pub subjects: Vec<SubjectScore>,
}

/// An exam's scores as its administration page shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoresStatus {
    /// Rows held, and for how many candidates.
    pub rows: u64,
    pub candidates: u64,
    pub imported_at: Option<ChinaTime>,
    /// When candidates see them; none: not set, so nobody does.
    pub publishes_at: Option<ChinaTime>,
    /// The publication time has come.
    pub published: bool,
}

/// What an import of a score sheet did: every row kept, or none and every bad row by line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreImportReport {
    /// Rows stored (0 when any row was refused: a sheet is taken whole or not at all).
    pub imported: u64,
    pub candidates: u64,
    pub problems: Vec<(u64, String, String)>,
}

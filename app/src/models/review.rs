//! What the reviewer's pages receive: the queue and one application on the review screen.

use serde::{Deserialize, Serialize};

use super::candidate::MaterialView;
use super::exam::{beside_definitions, ExamSummary};
use super::feedback::{FlagView, TimelineEntry};
use super::picture_findings::{FindingFilter, FindingKind, PictureFindings};
use crate::domain::china_time::ChinaTime;
use crate::domain::personal_form::FormValues;
use crate::domain::record_ids::{ApplicationId, ApplicationVersion, ExamCode};
use crate::domain::{ApplicationState, CategoryDefinition, ExamDefinition, ExamPhase};

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
                None | Some(ApplicationState::NotStarted | ApplicationState::Draft) => QueueFilter::Awaiting,
                Some(state) => QueueFilter::State(state),
            },
        }
    }
}

/// Where the next page of the queue starts: after this (last submitted, id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCursor {
    /// RFC 3339, UTC.
    pub submitted_at: String,
    pub id: ApplicationId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub exam_code: ExamCode,
    pub filter: QueueFilter,
    /// Submitted on or after this day (YYYY-MM-DD, in the exam's offset).
    pub from: Option<String>,
    /// Submitted on or before this day.
    pub to: Option<String>,
    /// By what the reviewer's assistant found.
    #[serde(default)]
    pub findings: FindingFilter,
    pub after: Option<QueueCursor>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub application_id: ApplicationId,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub state: ApplicationState,
    pub round: i32,
    pub last_submitted_at: ChinaTime,
    /// Who took it last, if anyone.
    pub reviewer: Option<String>,
    /// What the reviewer's assistant found in its pictures, one badge per kind.
    pub findings: Vec<FindingKind>,
    /// Whether the assistant has looked at every picture yet.
    pub looked_at: bool,
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
    /// The account reviews this exam's applications; false: it works the exam's on-site check only.
    pub reviews: bool,
    /// The exam has an on-site check for 现场报名 (its file's `[on_site]`).
    #[serde(default)]
    pub on_site: bool,
}

/// The file a picture had before the candidate replaced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviousFile {
    pub url: String,
    pub uploaded_at: ChinaTime,
    pub replaced_at: ChinaTime,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewedMaterial {
    pub material: MaterialView,
    /// Replaced after the last return: the old file, to compare side by side.
    pub previous: Option<PreviousFile>,
    /// What the last return said about this picture.
    pub last_flag: Option<FlagView>,
    /// What the reviewer's assistant prepared; None while it has not looked yet.
    pub findings: Option<PictureFindings>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// One category's pictures as the review screen receives them (its rules travel once, in the
/// exam's definition).
pub struct ReviewCategory {
    pub code: String,
    /// In sequence-number order.
    pub materials: Vec<ReviewedMaterial>,
}

/// One application on the review screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewSheet {
    pub application_id: ApplicationId,
    pub exam: ExamSummary,
    pub definition: ExamDefinition,
    pub candidate_name: String,
    pub id_number_masked: String,
    pub state: ApplicationState,
    pub round: i32,
    /// The version a decision must name.
    pub version: ApplicationVersion,
    /// Who holds the application now, and whether that is the person looking.
    pub taken_by: Option<String>,
    pub taken_by_me: bool,
    pub form: FormValues,
    pub position: Option<String>,
    pub form_flag: Option<FlagView>,
    pub categories: Vec<ReviewCategory>,
    /// The application's timeline, newest first (results included: reviewers see them).
    pub history: Vec<TimelineEntry>,
    /// The oldest other application waiting in this exam: what "next" opens, prefetched.
    pub next: Option<NextApplication>,
}

/// The next application of the queue, for the browser to fetch its pictures ahead of time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextApplication {
    pub application_id: ApplicationId,
    /// Its pictures' files, in the order its screen shows them (the exam's categories, each in
    /// sequence order): the first is the picture shown large when it opens.
    pub file_urls: Vec<String>,
    /// The small copies its screen's strip shows, in the same order.
    pub thumb_urls: Vec<String>,
}

/// A category with its rules and the pictures under review, put together in the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewCategoryView {
    pub definition: CategoryDefinition,
    pub materials: Vec<ReviewedMaterial>,
}

impl ReviewSheet {
    /// Each category of the exam with its definition and pictures, in the exam's order.
    pub fn category_views(&self) -> Vec<ReviewCategoryView> {
        beside_definitions(&self.definition.categories, &self.categories, |c| c.code.as_str(), |c| &c.materials)
            .into_iter()
            .map(|(definition, materials)| ReviewCategoryView { definition, materials })
            .collect()
    }
}

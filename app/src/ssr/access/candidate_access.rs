//! The one gate in front of everything a candidate does in an exam: the exam exists, the
//! candidate is eligible, and — for any change — the window is open by the server's clock (and,
//! for a listed candidate with their own days, their last day has not ended), the pledge is
//! accepted and the application is not locked.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::china_time::ChinaTime;
use crate::domain::document_kind::DocumentKind;
use crate::domain::own_deadline::{end_of_china_day, has_lapsed, last_day_words};
use crate::domain::record_ids::ExamCode;
use crate::domain::ApplicationState;
use crate::domain::{ExamDefinition, ExamPhase};
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::application;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::{application::application_queries, exams::eligibility, exams::exam_store, exams::own_days};

pub struct CandidateExam {
    pub definition: ExamDefinition,
    pub application: Option<application::Model>,
    /// The exam's phase for this candidate: Closed once their own last day ended, though the
    /// window stays open for others.
    pub phase: ExamPhase,
    pub now: DateTime<Utc>,
    /// A listed candidate's own last day (seed 004's five days from the text), once it counts
    /// (`own_days::last_day`).
    pub own_last_day: Option<NaiveDate>,
}

impl CandidateExam {
    /// The application, when it was approved and the results are published: what the fee and
    /// the documents after approval wait for.
    pub fn approved_application(&self) -> Option<&application::Model> {
        self.application
            .as_ref()
            .filter(|a| a.state == ApplicationState::Approved && self.phase == ExamPhase::ResultsPublished)
    }

    /// The approved application a document the candidate prints for the branch (报名登记表,
    /// 介绍信) is made from, or why not yet, naming the document; not found where the exam does
    /// not print it.
    pub fn approved_to_print(&self, kind: DocumentKind) -> Result<&application::Model, AppError> {
        if !kind.offered_by(&self.definition) {
            return Err(AppError::NotFound);
        }
        self.approved_application().ok_or_else(|| {
            AppError::invalid_field(
                kind.key(),
                format!("审核通过并公布结果后才能打印{}", kind.name_zh()),
                format!(
                    "The {} can be printed once the application is approved and results are published",
                    kind.name_en().to_lowercase()
                ),
            )
        })
    }
}

/// Only candidates hold applications (the `Caller<Candidate>` says so); reviewers and
/// administrators have their own pages.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code))]
pub async fn enter(
    state: &ServerState,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
) -> Result<CandidateExam, AppError> {
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    if !eligibility::is_eligible(&state.db, &definition, account).await? {
        return Err(AppError::NotEligible);
    }
    let application = application_queries::find(&state.db, account.id, exam_code).await?;
    let own_last_day = own_days::last_day_of(&state.db, &definition, &account.id_number).await?;
    Ok(CandidateExam::at(definition, application, own_last_day, state.clock.now()))
}

impl CandidateExam {
    /// The exam as it stands for the candidate at `now` (for 我的考试, which has already checked
    /// the candidate may enter).
    pub fn at(
        definition: ExamDefinition,
        application: Option<application::Model>,
        own_last_day: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Self {
        let phase = match definition.windows.phase_at(now) {
            ExamPhase::Open if own_last_day.is_some_and(|day| now >= end_of_china_day(day)) => ExamPhase::Closed,
            phase => phase,
        };
        CandidateExam { phase, definition, application, now, own_last_day }
    }
}

impl CandidateExam {
    /// Why nothing may change now, or the application that may. A draft changes while the
    /// upload window is open; a returned application while review lasts (its flagged pictures and,
    /// if flagged, its form); anything else not at all.
    pub fn writable_application(&self) -> Result<&application::Model, AppError> {
        let application = self.application.as_ref().filter(|a| a.pledge_accepted_at.is_some());
        if let Some(returned) = application.filter(|a| a.state == ApplicationState::Returned) {
            self.ensure_revision_open()?;
            return Ok(returned);
        }
        self.ensure_window_open()?;
        let application = application.ok_or(AppError::PledgeRequired)?;
        match application.state {
            ApplicationState::Draft => Ok(application),
            _ => Err(AppError::Locked),
        }
    }

    /// The personal form may change: in a draft, or when the reviewer flagged it.
    pub fn form_editable(&self) -> bool {
        self.writable_application().is_ok_and(|a| a.state == ApplicationState::Draft || a.form_unlocked)
    }

    /// Corrections after a return are accepted until review closes.
    fn ensure_revision_open(&self) -> Result<(), AppError> {
        let review_closes = &self.definition.windows.review_closes;
        if self.now < review_closes.with_timezone(&Utc) {
            Ok(())
        } else {
            Err(AppError::UploadClosed { closed_at: ChinaTime::of(review_closes) })
        }
    }

    pub fn ensure_window_open(&self) -> Result<(), AppError> {
        let windows = &self.definition.windows;
        match self.phase {
            ExamPhase::NotYetOpen => Err(AppError::NotYetOpen { opens_at: ChinaTime::of(&windows.upload_opens) }),
            ExamPhase::Open => Ok(()),
            ExamPhase::Closed | ExamPhase::ResultsPublished => {
                Err(AppError::UploadClosed { closed_at: self.closes_at() })
            }
        }
    }

    /// When uploading closes for this candidate, as they read it: their own last day where it
    /// comes before the window's close (2026-12-02 24:00), else the window's.
    pub fn closes_at(&self) -> ChinaTime {
        match self.own_last_day {
            Some(day) => ChinaTime::end_of(day),
            None => ChinaTime::of(&self.definition.windows.upload_closes),
        }
    }

    /// Seconds until uploading closes for this candidate, while it is open.
    pub fn seconds_until_close(&self) -> Option<i64> {
        let window_closes = self.definition.windows.upload_closes.with_timezone(&Utc);
        let closes = self.own_last_day.map_or(window_closes, end_of_china_day);
        (self.phase == ExamPhase::Open).then(|| (closes - self.now).num_seconds())
    }

    /// Seed 004's sentence about the candidate's own days: before the last day ends, by when to
    /// submit; after it, that the application lapsed (逾期放弃). None once submitted, or where
    /// no own days count.
    pub fn own_days_note(&self) -> Option<(String, String)> {
        let day = self.own_last_day?;
        if !matches!(self.state(), ApplicationState::NotStarted | ApplicationState::Draft) {
            return None;
        }
        let (zh, en) = last_day_words(day);
        Some(if self.is_lapsed() {
            (
                format!("逾期放弃：您未在 {zh} 前提交，已视为自动放弃。"),
                format!("Lapsed: you did not submit by {en}, so you gave up this application."),
            )
        } else {
            (
                format!("请于 {zh} 前上传并提交，逾期视为自动放弃。"),
                format!("Upload and submit by {en}; after that your application lapses."),
            )
        })
    }

    /// 逾期放弃: the candidate's own last day ended and nothing was ever submitted.
    pub fn is_lapsed(&self) -> bool {
        has_lapsed(self.own_last_day, self.state(), self.now)
    }

    pub fn state(&self) -> ApplicationState {
        application_queries::state_of(self.application.as_ref())
    }
}

//! The one gate in front of everything a candidate does in an exam: the exam exists, the
//! candidate is eligible, and — for any change — the window is open by the server's clock, the
//! pledge is accepted and the application is not locked.

use chrono::{DateTime, Utc};

use crate::domain::exam_windows::format_moment;
use crate::domain::ApplicationState;
use crate::domain::{ExamDefinition, ExamPhase};
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::application;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::{application::application_queries, exams::eligibility, exams::exam_store};

pub struct CandidateExam {
    pub definition: ExamDefinition,
    pub application: Option<application::Model>,
    pub phase: ExamPhase,
    pub now: DateTime<Utc>,
}

impl CandidateExam {
    /// The application, when it was approved and the results are published: what the fee and
    /// the documents after approval wait for.
    pub fn approved_application(&self) -> Option<&application::Model> {
        self.application
            .as_ref()
            .filter(|a| a.state == ApplicationState::Approved && self.phase == ExamPhase::ResultsPublished)
    }
}

/// Only candidates hold applications (the `Caller<Candidate>` says so); reviewers and
/// administrators have their own pages.
pub async fn enter(
    state: &ServerState,
    account: &Caller<Candidate>,
    exam_code: &str,
) -> Result<CandidateExam, AppError> {
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    if !eligibility::is_eligible(&state.db, &definition, account).await? {
        return Err(AppError::NotEligible);
    }
    let application = application_queries::find(&state.db, account.id, exam_code).await?;
    let now = state.clock.now();
    Ok(CandidateExam { phase: definition.windows.phase_at(now), definition, application, now })
}

impl CandidateExam {
    /// Why nothing may change now, or the application that may. A draft changes while the
    /// upload window is open; a returned application while review lasts (its flagged images and,
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
            Err(AppError::UploadClosed { closed_at: format_moment(review_closes) })
        }
    }

    pub fn ensure_window_open(&self) -> Result<(), AppError> {
        let windows = &self.definition.windows;
        match self.phase {
            ExamPhase::NotYetOpen => Err(AppError::NotYetOpen { opens_at: format_moment(&windows.upload_opens) }),
            ExamPhase::Open => Ok(()),
            ExamPhase::Closed | ExamPhase::ResultsPublished => {
                Err(AppError::UploadClosed { closed_at: format_moment(&windows.upload_closes) })
            }
        }
    }

    pub fn state(&self) -> ApplicationState {
        application_queries::state_of(self.application.as_ref())
    }
}

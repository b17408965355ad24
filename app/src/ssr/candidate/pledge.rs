//! 同意并进入下一步: the integrity pledge, accepted while the upload window is open, after the exam's
//! 报考须知 where it has one (`notice`); the moment is stored. Accepting twice (two tabs, a double tap) is one acceptance.

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access;
use crate::ssr::access::gate::Candidate;
use crate::ssr::candidate::application_commands;
use crate::ssr::infra::server_state::ServerState;

#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code))]
pub async fn accept(state: &ServerState, account: &Caller<Candidate>, code: &ExamCode) -> Result<(), AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    exam.ensure_window_open()?;
    if super::notice::still_to_read(&state.db, account.id, &exam).await? {
        return Err(super::notice::read_it_first());
    }
    let row = application_commands::accept_pledge(&state.db, account.id, code, exam.now).await?;
    tracing::info!(user_id = %account.id, exam = %code, accepted_at = ?row.pledge_accepted_at, "pledge accepted");
    Ok(())
}

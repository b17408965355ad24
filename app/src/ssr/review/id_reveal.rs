//! The candidate's full ID number, for the moment a reviewer must compare it with a document.
//! Every reveal is written to the audit log.

use sea_orm::EntityTrait;

use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access;
use crate::ssr::entities::user;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

#[tracing::instrument(skip_all, fields(user = %account.id, application = %application_id))]
pub async fn reveal(
    state: &ServerState,
    account: &Caller<Staff>,
    application_id: ApplicationId,
) -> Result<String, AppError> {
    let application = reviewer_access::reviewable(&state.db, account, application_id).await?;
    let candidate = user::Entity::find_by_id(application.user_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        Some(account.account()),
        AuditAction::IdNumberRevealed,
        &format!("application {application_id}"),
        &audit::actor_label(&candidate),
        state.clock.now(),
    )
    .await?;
    Ok(candidate.id_number)
}

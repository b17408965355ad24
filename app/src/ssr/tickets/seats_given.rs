//! Reading the seats given: one application's (for its admission ticket) and an exam's with the
//! candidates who hold them (for the seating list's export).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::domain::record_ids::{ApplicationId, ExamCode, UserId};
use crate::error::AppError;
use crate::ssr::application::people;
use crate::ssr::entities::{application, seat_assignment, user};
use crate::ssr::infra::server_state::ServerState;

use super::seating::seats_of;

/// The seat given to one application, if any.
pub async fn seat_of(
    state: &ServerState,
    application_id: ApplicationId,
) -> Result<Option<seat_assignment::Model>, AppError> {
    Ok(seat_assignment::Entity::find()
        .filter(seat_assignment::Column::ApplicationId.eq(application_id))
        .one(&state.db)
        .await?)
}

/// The seats given in an exam, in ticket-number order, each with the account of the candidate who
/// holds it (absent when the account is gone).
pub async fn seats_with_holders(
    state: &ServerState,
    exam_code: &ExamCode,
) -> Result<Vec<(seat_assignment::Model, Option<user::Model>)>, AppError> {
    let seats = seats_of(state, exam_code).await?;
    let ids: Vec<ApplicationId> = seats.iter().map(|seat| seat.application_id).collect();
    let owners: HashMap<ApplicationId, UserId> = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|application| (application.id, application.user_id))
        .collect();
    let people = people::names_of(&state.db, owners.values().copied().collect()).await?;
    Ok(seats
        .into_iter()
        .map(|seat| {
            let holder = owners.get(&seat.application_id).and_then(|owner| people.get(owner).cloned());
            (seat, holder)
        })
        .collect())
}

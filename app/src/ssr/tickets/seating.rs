//! Giving seats (the rule is `domain::admission_ticket`'s): who may sit — approved applications
//! once results are published, and where the exam charges a fee, only those whose fee is paid —
//! in the order they were approved, to the next free seats. Seats already given never move; a
//! round run twice at once cannot give a seat twice (a unique index on the seat).

use std::collections::HashSet;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::domain::admission_ticket::{ticket_number, Seat, TicketSpec};
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::{ApplicationState, ExamDefinition, ExamPhase};
use crate::error::AppError;
use crate::models::seating::SeatingView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::application::fee_status;
use crate::ssr::entities::{application, seat_assignment};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;

/// The exam's rooms and seats, for an administrator.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %exam_code))]
pub async fn seating(
    state: &ServerState,
    admin: &Caller<Admin>,
    exam_code: &ExamCode,
) -> Result<SeatingView, AppError> {
    let (definition, spec) = with_tickets(state, exam_code).await?;
    let seats = seats_of(state, exam_code).await?;
    let waiting = waiting(state, &definition, &seats).await?;
    Ok(view(&spec, seats.len(), waiting.len(), None))
}

/// Gives the next free seats to everyone waiting, by the rule; audited.
#[tracing::instrument(skip_all, fields(staff = %staff.id, exam = %exam_code))]
pub async fn assign(state: &ServerState, staff: &Caller<Admin>, exam_code: &ExamCode) -> Result<SeatingView, AppError> {
    let (definition, spec) = with_tickets(state, exam_code).await?;
    let now = state.clock.now();
    if definition.windows.phase_at(now) != ExamPhase::ResultsPublished {
        return Err(AppError::invalid_field(
            "seats",
            "审核结果公布后才能分配座位",
            "Seats are given once the results are published",
        ));
    }
    let seats = seats_of(state, exam_code).await?;
    let waiting = waiting(state, &definition, &seats).await?;
    let taken: Vec<Seat> = seats
        .iter()
        .map(|s| Seat { room: s.room_code.clone(), number: u32::try_from(s.seat_no).unwrap_or(0) })
        .collect();
    let given = spec.assign_seats(&waiting, &taken);
    let rows = given.iter().map(|(application_id, seat)| seat_assignment::ActiveModel {
        application_id: Set(*application_id),
        exam_code: Set(exam_code.clone()),
        room_code: Set(seat.room.clone()),
        seat_no: Set(i32::try_from(seat.number).unwrap_or(i32::MAX)),
        ticket_no: Set(ticket_number(exam_code, seat)),
        assigned_at: Set(now),
        ..Default::default()
    });
    let transaction = begin_write(&state.db).await?;
    if !given.is_empty() {
        // Another round that ran at the same time took one of these seats: nothing of this
        // round is kept, and running it again gives the next free ones.
        if seat_assignment::Entity::insert_many(rows).exec(&transaction).await.is_err() {
            return Err(AppError::Busy { retry_after_secs: 1 });
        }
    }
    transaction.commit().await?;
    let detail =
        format!("exam {exam_code}: {} seats given, {} still waiting", given.len(), waiting.len() - given.len());
    audit::record(&state.db, Some(staff.account()), AuditAction::SeatsAssigned, "seats", &detail, now).await?;
    Ok(view(&spec, seats.len() + given.len(), waiting.len() - given.len(), Some(given.len())))
}

/// The seats given in an exam, in ticket-number order.
pub async fn seats_of(state: &ServerState, exam_code: &ExamCode) -> Result<Vec<seat_assignment::Model>, AppError> {
    Ok(seat_assignment::Entity::find()
        .filter(seat_assignment::Column::ExamCode.eq(exam_code))
        .order_by_asc(seat_assignment::Column::TicketNo)
        .all(&state.db)
        .await?)
}

async fn with_tickets(state: &ServerState, exam_code: &ExamCode) -> Result<(ExamDefinition, TicketSpec), AppError> {
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    let spec = definition.ticket.clone().ok_or(AppError::NotFound)?;
    Ok((definition, spec))
}

/// Applications that may sit and have no seat, in the rule's order: approved first, then by number.
async fn waiting(
    state: &ServerState,
    definition: &ExamDefinition,
    seats: &[seat_assignment::Model],
) -> Result<Vec<ApplicationId>, AppError> {
    let seated: HashSet<ApplicationId> = seats.iter().map(|s| s.application_id).collect();
    let approved = application::Entity::find()
        .filter(application::Column::ExamCode.eq(&definition.code))
        .filter(application::Column::State.eq(ApplicationState::Approved))
        .order_by_asc(application::Column::DecidedAt)
        .order_by_asc(application::Column::Id)
        .all(&state.db)
        .await?;
    let paid = fee_status::paid_applications(&state.db, definition).await?;
    Ok(approved
        .into_iter()
        .map(|a| a.id)
        .filter(|id| !seated.contains(id) && paid.as_ref().is_none_or(|paid| paid.contains(id)))
        .collect())
}

fn view(spec: &TicketSpec, seated: usize, waiting: usize, seated_now: Option<usize>) -> SeatingView {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    SeatingView {
        capacity: spec.capacity(),
        seated: count(seated),
        waiting: count(waiting),
        seated_now: seated_now.map(count),
    }
}

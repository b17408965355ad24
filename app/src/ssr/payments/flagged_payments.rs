//! Money the orders could not take, and the bill's differences, waiting for staff: listed by
//! exam, and settled by hand with what was done (refunded, matched), audited with who did it.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::{payment_notice, payment_order};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

use super::notice_outcomes::FOR_STAFF;

/// Notifications of an exam's orders that wait for staff (money the order could not take, and the
/// bill's differences), oldest first. Money for no order at all is listed with every exam: nothing
/// ties it to one.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %exam_code))]
pub async fn flagged(
    state: &ServerState,
    admin: &Caller<Admin>,
    exam_code: &ExamCode,
) -> Result<Vec<payment_notice::Model>, AppError> {
    let notices = payment_notice::Entity::find()
        .filter(payment_notice::Column::Outcome.is_in(FOR_STAFF))
        .filter(payment_notice::Column::SettledAt.is_null())
        .order_by_asc(payment_notice::Column::Id)
        .all(&state.db)
        .await?;
    let orders = payment_order::Entity::find()
        .filter(payment_order::Column::OrderNo.is_in(notices.iter().map(|n| n.order_no.clone())))
        .all(&state.db)
        .await?;
    Ok(notices
        .into_iter()
        .filter(|n| match orders.iter().find(|o| o.order_no == n.order_no) {
            Some(order) => order.exam_code == exam_code,
            None => true,
        })
        .collect())
}

/// Marks a flagged notification settled (refunded or matched by hand), with what was done.
#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn settle(state: &ServerState, staff: &Caller<Admin>, notice_id: i32, note: &str) -> Result<(), AppError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::invalid_field("note", "请写明处理方式", "Say how it was settled"));
    }
    let now = state.clock.now();
    let settled = payment_notice::Entity::update_many()
        .col_expr(payment_notice::Column::SettledAt, Expr::value(now))
        .col_expr(payment_notice::Column::SettledBy, Expr::value(audit::actor_label(staff)))
        .filter(payment_notice::Column::Id.eq(notice_id))
        .filter(payment_notice::Column::SettledAt.is_null())
        .exec(&state.db)
        .await?;
    if settled.rows_affected == 1 {
        let detail = format!("notice {notice_id}: {note}");
        audit::record(&state.db, Some(staff.account()), AuditAction::PaymentFlagSettled, "payments", &detail, now)
            .await?;
    }
    Ok(())
}

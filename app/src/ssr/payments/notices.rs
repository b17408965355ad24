//! A gateway's payment notifications, each applied exactly once. Gateways report a payment late,
//! more than once, out of order, and anyone can post to the address: a notification is believed
//! only with the gateway's signature, kept once by the gateway's notification id, and then decided
//! on the order as it stands (`domain::payment_order::decide`). Money the order cannot take (a
//! wrong amount, a closed order, a second payment) is kept and flagged for staff, never dropped.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::domain::payment_order::{decide, OrderEvent, OrderOutcome, OrderState};
use crate::error::AppError;
use crate::ssr::entities::{payment_notice, payment_order};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

use crate::ssr::infra::payment_gateway::GatewayNotice;

/// What a notification did, as stored in `payment_notices.outcome`.
pub const PAID: &str = "paid";
pub const ALREADY_DONE: &str = "already_done";
pub const UNKNOWN_ORDER: &str = "unknown_order";
/// Outcomes that wait for staff (with `StaffFlag::code`'s).
pub const FOR_STAFF: [&str; 4] = ["amount_mismatch", "paid_after_close", "paid_twice", UNKNOWN_ORDER];

/// Verifies and applies one notification exactly as it arrived; returns its outcome. A repeat of
/// a notification already kept returns the first one's outcome and changes nothing.
pub async fn receive(
    state: &ServerState,
    gateway_code: &str,
    body: &[u8],
    signature: Option<&str>,
) -> Result<String, AppError> {
    let gateway = state.gateways.find(gateway_code).ok_or(AppError::NotFound)?.clone();
    let now = state.clock.now();
    let notice = match gateway.verify(body, signature) {
        Ok(notice) => notice,
        Err(refused) => {
            // Logged, not audited: anyone may post here, and the audit log is for what staff and
            // gateways did. The sender's text stays out of the log too (it is the sender's).
            tracing::warn!(gateway = gateway_code, reason = ?refused, bytes = body.len(), "payment notice refused");
            return Err(AppError::Forbidden);
        }
    };
    if let Some(kept) = kept_notice(state, gateway_code, &notice.notice_id).await? {
        return Ok(kept.outcome);
    }
    let txn = state.db.begin().await.map_err(|e| crate::ssr::internal("notice begin", e))?;
    let row = payment_notice::ActiveModel {
        gateway: Set(gateway_code.to_string()),
        notice_id: Set(notice.notice_id.clone()),
        order_no: Set(notice.order_no.clone()),
        txn: Set(notice.txn.clone()),
        amount_fen: Set(i64::try_from(notice.amount_fen).unwrap_or(i64::MAX)),
        outcome: Set("received".to_string()),
        received_at: Set(now),
        body: Set(String::from_utf8_lossy(body).into_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match row {
        Ok(row) => row,
        Err(_) => {
            // The same notification, arriving twice at the same moment: the other one applies it.
            let _ = txn.rollback().await;
            return match kept_notice(state, gateway_code, &notice.notice_id).await? {
                Some(kept) => Ok(kept.outcome),
                None => Err(AppError::Busy { retry_after_secs: 1 }),
            };
        }
    };
    let outcome = apply(&txn, &notice, now).await?;
    payment_notice::Entity::update_many()
        .col_expr(payment_notice::Column::Outcome, Expr::value(outcome.clone()))
        .filter(payment_notice::Column::Id.eq(row.id))
        .exec(&txn)
        .await
        .map_err(|e| crate::ssr::internal("notice outcome", e))?;
    let detail = format!("{} txn {} {} fen: {outcome}", notice.order_no, notice.txn, notice.amount_fen);
    let action = if outcome == PAID { AuditAction::OrderPaid } else { AuditAction::PaymentNoticeKept };
    audit::record(&txn, None, action, gateway_code, &detail, now).await?;
    txn.commit().await.map_err(|e| crate::ssr::internal("notice commit", e))?;
    Ok(outcome)
}

/// Decides the notification on its order and moves the order when it is paid. The move is
/// conditional on the state it was decided on; if another notification moved it first, decide
/// again on what it is now.
async fn apply(
    txn: &DatabaseTransaction,
    notice: &GatewayNotice,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, AppError> {
    for _ in 0..3 {
        let Some(order) = payment_order::Entity::find()
            .filter(payment_order::Column::OrderNo.eq(notice.order_no.as_str()))
            .one(txn)
            .await
            .map_err(|e| crate::ssr::internal("notice order", e))?
        else {
            return Ok(UNKNOWN_ORDER.to_string());
        };
        let event = OrderEvent::Paid { amount_fen: notice.amount_fen, txn: notice.txn.clone() };
        match decide(&order.facts(), &event) {
            OrderOutcome::Moves(OrderState::Paid) => {
                let moved = payment_order::Entity::update_many()
                    .col_expr(payment_order::Column::State, Expr::value(OrderState::Paid))
                    .col_expr(payment_order::Column::OpenFor, Expr::value(Option::<i32>::None))
                    .col_expr(payment_order::Column::PaidTxn, Expr::value(notice.txn.clone()))
                    .col_expr(payment_order::Column::PaidAt, Expr::value(now))
                    .filter(payment_order::Column::Id.eq(order.id))
                    .filter(payment_order::Column::State.eq(order.state))
                    .exec(txn)
                    .await
                    .map_err(|e| crate::ssr::internal("order paid", e))?;
                if moved.rows_affected == 1 {
                    return Ok(PAID.to_string());
                }
            }
            OrderOutcome::AlreadyDone => return Ok(ALREADY_DONE.to_string()),
            OrderOutcome::ForStaff(flag) => return Ok(flag.code().to_string()),
            OrderOutcome::Moves(_) | OrderOutcome::Refused { .. } => return Err(AppError::Internal),
        }
    }
    Err(AppError::Busy { retry_after_secs: 1 })
}

async fn kept_notice(
    state: &ServerState,
    gateway_code: &str,
    notice_id: &str,
) -> Result<Option<payment_notice::Model>, AppError> {
    payment_notice::Entity::find()
        .filter(payment_notice::Column::Gateway.eq(gateway_code))
        .filter(payment_notice::Column::NoticeId.eq(notice_id))
        .one(&state.db)
        .await
        .map_err(|e| crate::ssr::internal("notice find", e))
}

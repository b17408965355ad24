//! A gateway's payment and refund notifications, each applied exactly once. Gateways report a
//! payment late, more than once, out of order, and anyone can post to the address: a notification
//! is believed only with the gateway's signature, kept once by the gateway's notification id, and
//! then decided on the gateway's order of that number as it stands (`domain::payment_order::decide`).
//! Money the order cannot take (a wrong amount, a closed order, a second payment) and refunds it
//! cannot either (a partial one, one that failed) are kept and flagged for staff, never dropped.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use crate::domain::payment_order::{decide, OrderEvent, OrderOutcome, OrderState};
use crate::error::AppError;
use crate::ssr::entities::{payment_notice, payment_order};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

use crate::ssr::infra::payment_gateway::{GatewayNotice, NoticeEvent, NoticeRefused};

use super::notice_outcomes::{ALREADY_DONE, NOTHING_TO_APPLY, PAID, REFUNDED, UNKNOWN_ORDER};
use super::order_moves::move_order;
use super::order_numbers::refund_no;
use crate::ssr::infra::write_transaction::begin_write;

/// Verifies and applies one notification exactly as it arrived; returns its outcome. A repeat of
/// a notification already kept returns the first one's outcome and changes nothing.
pub async fn receive(
    state: &ServerState,
    gateway_code: &str,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<String, AppError> {
    let gateway = state.gateways.find(gateway_code).ok_or(AppError::NotFound)?.clone();
    // A signature's freshness is a matter of the wall clock, as the gateway's own is (the
    // installation's clock is the one exam windows are read by, which tests move by years).
    let notice = match gateway.verify(headers, body, chrono::Utc::now()) {
        Ok(notice) => notice,
        Err(NoticeRefused::NothingToApply(what)) => {
            tracing::info!(gateway = gateway_code, what, "payment notice acknowledged, nothing to apply");
            return Ok(NOTHING_TO_APPLY.to_string());
        }
        Err(refused) => {
            // Logged, not audited: anyone may post here, and the audit log is for what staff and
            // gateways did. The sender's text stays out of the log too (it is the sender's).
            tracing::warn!(gateway = gateway_code, reason = ?refused, bytes = body.len(), "payment notice refused");
            return Err(AppError::Forbidden);
        }
    };
    keep_and_apply(state, gateway_code, &notice, &String::from_utf8_lossy(body)).await
}

/// Keeps a believed notification once (by the gateway's id for it) and applies it to its order;
/// also how a payment found by asking the gateway is applied, under an id of Zige's making.
#[tracing::instrument(skip_all, fields(gateway = gateway_code))]
pub async fn keep_and_apply(
    state: &ServerState,
    gateway_code: &str,
    notice: &GatewayNotice,
    body: &str,
) -> Result<String, AppError> {
    let now = state.clock.now();
    if let Some(kept) = kept_notice(state, gateway_code, &notice.notice_id).await? {
        return Ok(kept.outcome);
    }
    let txn = begin_write(&state.db).await?;
    let row = payment_notice::ActiveModel {
        gateway: Set(gateway_code.to_string()),
        notice_id: Set(notice.notice_id.clone()),
        order_no: Set(notice.order_no.clone()),
        txn: Set(notice.txn.clone()),
        amount_fen: Set(i64::try_from(notice.amount_fen).unwrap_or(i64::MAX)),
        outcome: Set("received".to_string()),
        received_at: Set(now),
        body: Set(body.to_string()),
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
    let (outcome, moved) = apply(&txn, gateway_code, notice, now).await?;
    payment_notice::Entity::update_many()
        .col_expr(payment_notice::Column::Outcome, Expr::value(outcome.clone()))
        .filter(payment_notice::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    let detail = format!("{} txn {} {} fen: {outcome}", notice.order_no, notice.txn, notice.amount_fen);
    let action = match moved {
        Some(OrderState::Paid) => AuditAction::OrderPaid,
        Some(OrderState::Refunded) => AuditAction::OrderRefunded,
        _ => AuditAction::PaymentNoticeKept,
    };
    audit::record(&txn, None, action, gateway_code, &detail, now).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Decides the notification on its order (of this gateway: the same number at another gateway is
/// no order of its) and moves the order as decided; its outcome, and the state the order moved
/// to. The move is conditional on the state it was decided on; if something moved the order
/// first, decide again on what it is now.
async fn apply(
    txn: &DatabaseTransaction,
    gateway_code: &str,
    notice: &GatewayNotice,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, Option<OrderState>), AppError> {
    let stays = |outcome: &str| Ok((outcome.to_string(), None));
    for _ in 0..3 {
        let Some(order) = order_of(txn, gateway_code, &notice.order_no).await? else {
            return stays(UNKNOWN_ORDER);
        };
        let (to, flag) = match decide(&order.facts(), &order_event(&order, notice)) {
            OrderOutcome::Moves(to) => (to, None),
            OrderOutcome::MovesForStaff(to, flag) => (to, Some(flag)),
            OrderOutcome::AlreadyDone => return stays(ALREADY_DONE),
            OrderOutcome::ForStaff(flag) => return stays(flag.code()),
            OrderOutcome::Refused { .. } => return Err(AppError::Internal),
        };
        if move_order(txn, &order, to, &notice.txn, now).await? {
            let outcome = match (&flag, to) {
                (Some(flag), _) => flag.code(),
                (None, OrderState::Paid) => PAID,
                (None, _) => REFUNDED,
            };
            return Ok((outcome.to_string(), Some(to)));
        }
    }
    Err(AppError::Busy { retry_after_secs: 1 })
}

/// What the notification reports, in the domain's terms. A refund is Zige's own when it carries
/// the refund number Zige asked with.
fn order_event(order: &payment_order::Model, notice: &GatewayNotice) -> OrderEvent {
    match notice.event {
        NoticeEvent::Paid => OrderEvent::Paid { amount_fen: notice.amount_fen, txn: notice.txn.clone() },
        NoticeEvent::Refunded => OrderEvent::Refunded {
            refunded_fen: notice.amount_fen,
            ours: notice.refund_no.as_deref() == Some(refund_no(&order.order_no).as_str()),
        },
        NoticeEvent::RefundFailed => OrderEvent::RefundFailed,
        NoticeEvent::PaidThenRefunded => {
            OrderEvent::PaidThenRefunded { amount_fen: notice.amount_fen, txn: notice.txn.clone() }
        }
    }
}

async fn order_of(
    txn: &DatabaseTransaction,
    gateway_code: &str,
    order_no: &str,
) -> Result<Option<payment_order::Model>, AppError> {
    Ok(payment_order::Entity::find()
        .filter(payment_order::Column::Gateway.eq(gateway_code))
        .filter(payment_order::Column::OrderNo.eq(order_no))
        .one(txn)
        .await?)
}

async fn kept_notice(
    state: &ServerState,
    gateway_code: &str,
    notice_id: &str,
) -> Result<Option<payment_notice::Model>, AppError> {
    Ok(payment_notice::Entity::find()
        .filter(payment_notice::Column::Gateway.eq(gateway_code))
        .filter(payment_notice::Column::NoticeId.eq(notice_id))
        .one(&state.db)
        .await?)
}

//! Zige and the gateway agree on every open order. An order whose notification never came is
//! asked about at the gateway before it is called unpaid (a payment found so is applied as a
//! notification would be); an order closed in Zige is closed at the gateway first, so no payment
//! can arrive for it afterwards; and an order left unpaid past its payable time is closed both
//! ways by the sweep (`close_stale`).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::domain::payment_order::OrderState;
use crate::domain::record_ids::{ApplicationId, OrderId};
use crate::error::AppError;
use crate::ssr::entities::payment_order;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::payment_gateway::{GatewayNotice, GatewayOrder, NoticeEvent};
use crate::ssr::infra::server_state::ServerState;

use super::gateway_failure::unreachable;
use super::notice_outcomes::{ALREADY_DONE, PAID, REFUNDED_AT_GATEWAY};
use super::notices;

/// How long a gateway takes payment for an order (its `time_expire`): after this it is closed.
pub fn payable_for() -> Duration {
    Duration::hours(2)
}

/// An order younger than this is not asked about: its notification is most likely on its way.
fn notice_grace() -> Duration {
    Duration::minutes(5)
}

/// How many open orders one pass of the sweep asks about (the gateways limit queries per second).
const ORDERS_PER_PASS: u64 = 200;

/// What became of an order Zige tried to close.
#[derive(Debug, PartialEq, Eq)]
pub enum Closing {
    Closed,
    /// The gateway had taken the payment: the order is paid now, and stays so.
    PaidMeanwhile,
    /// The gateway had taken the payment and refunded it: the order is refunded now.
    RefundedMeanwhile,
}

/// Asks the order's gateway about it and applies a payment the gateway reports; Some(outcome)
/// when it reported one. An order the gateway says was paid and then refunded (at its console,
/// say) is never taken as paid: the payment and the refund are applied together, for staff to
/// check. Orders of the sandbox or paid on site are not asked about.
pub async fn ask_gateway(state: &ServerState, order: &payment_order::Model) -> Result<Option<String>, AppError> {
    let Some(gateway) = state.gateways.find(&order.gateway).cloned() else { return Ok(None) };
    let (txn, amount_fen, event) = match gateway.query(&order.order_no).await.map_err(unreachable)? {
        GatewayOrder::Paid { txn, amount_fen } => (txn, amount_fen, NoticeEvent::Paid),
        GatewayOrder::Refunded { txn, amount_fen } => (txn, amount_fen, NoticeEvent::PaidThenRefunded),
        GatewayOrder::Unpaid | GatewayOrder::Closed | GatewayOrder::NotTracked => return Ok(None),
    };
    // Under an id of Zige's making, one per payment and what became of it: asking again applies
    // nothing twice.
    let notice_id = match event {
        NoticeEvent::PaidThenRefunded => format!("query:refunded:{txn}"),
        _ => format!("query:{txn}"),
    };
    let notice = GatewayNotice { notice_id, order_no: order.order_no.clone(), txn, amount_fen, event, refund_no: None };
    notices::keep_and_apply(state, gateway.code(), &notice, "found by asking the gateway").await.map(Some)
}

/// Closes an open order at its gateway and then in Zige, unless the gateway says it was paid.
pub async fn close_everywhere(state: &ServerState, order: &payment_order::Model) -> Result<Closing, AppError> {
    if let Some(outcome) = ask_gateway(state, order).await? {
        if outcome == PAID || outcome == ALREADY_DONE {
            return Ok(Closing::PaidMeanwhile);
        }
        // Paid and refunded at the gateway: there is nothing open left there to close.
        if outcome == REFUNDED_AT_GATEWAY {
            return Ok(Closing::RefundedMeanwhile);
        }
    }
    if let Some(gateway) = state.gateways.find(&order.gateway).cloned() {
        gateway.close(&order.order_no).await.map_err(unreachable)?;
    }
    if close_if_open(state, order.id, state.clock.now()).await? {
        Ok(Closing::Closed)
    } else {
        Ok(Closing::PaidMeanwhile)
    }
}

/// One pass of the sweep: open orders past their notification's grace are asked about; those past
/// their payable time are closed at the gateway and in Zige (audited, by no one). A gateway that
/// cannot be reached leaves the order as it is for the next pass.
pub async fn close_stale(state: &ServerState) -> Result<(), AppError> {
    let now = state.clock.now();
    let waiting = payment_order::Entity::find()
        .filter(payment_order::Column::State.eq(OrderState::Created))
        .filter(payment_order::Column::CreatedAt.lt(now - notice_grace()))
        .order_by_asc(payment_order::Column::Id)
        .limit(ORDERS_PER_PASS)
        .all(&state.db)
        .await?;
    for order in waiting {
        let result = if is_past_payable(&order.created_at, now) {
            close_stale_one(state, &order).await
        } else {
            ask_gateway(state, &order).await.map(|_| ())
        };
        if let Err(error) = result {
            tracing::warn!(
                order = order.order_no,
                gateway = order.gateway,
                ?error,
                "open order left for the next pass"
            );
        }
    }
    Ok(())
}

async fn close_stale_one(state: &ServerState, order: &payment_order::Model) -> Result<(), AppError> {
    if close_everywhere(state, order).await? == Closing::Closed {
        let detail = format!(
            "{} closed unpaid after {} h (the gateway reported no payment)",
            order.order_no,
            payable_for().num_hours()
        );
        audit::record(&state.db, None, AuditAction::OrderClosed, order.exam_code.as_str(), &detail, state.clock.now())
            .await?;
    }
    Ok(())
}

fn is_past_payable(created_at: &DateTime<Utc>, now: DateTime<Utc>) -> bool {
    *created_at + payable_for() + notice_grace() < now
}

/// Closes the order if it is still open; false when a payment (or staff) moved it first, which
/// then wins.
pub async fn close_if_open(
    state: &ServerState,
    order_id: OrderId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let closed = payment_order::Entity::update_many()
        .col_expr(payment_order::Column::State, Expr::value(OrderState::Closed))
        .col_expr(payment_order::Column::OpenFor, Expr::value(Option::<ApplicationId>::None))
        .col_expr(payment_order::Column::ClosedAt, Expr::value(now))
        .filter(payment_order::Column::Id.eq(order_id))
        .filter(payment_order::Column::State.eq(OrderState::Created))
        .exec(&state.db)
        .await?;
    Ok(closed.rows_affected == 1)
}

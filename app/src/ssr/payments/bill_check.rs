//! Reconciliation against the gateway's bill (对账单): each day, every payment and refund on a
//! gateway's bill is matched with an order Zige holds in that state, and every order Zige took a
//! payment or refund for that day is looked for on the bill. Each difference is kept as a flagged
//! entry beside the notifications staff settle (`flagged_payments::flagged`), once however often the
//! day is checked.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, Set};

use crate::domain::exam_fee::format_yuan;
use crate::domain::payment_order::OrderState;
use crate::error::AppError;
use crate::ssr::entities::{payment_notice, payment_order};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::payment_gateway::{BillLine, NoticeEvent};
use crate::ssr::infra::server_state::ServerState;

use super::gateway_failure::unreachable;
use super::notice_outcomes::{NOT_IN_BILL, ONLY_IN_BILL};

/// Zige records a payment when its notification arrives, the gateway when the payer paid: an
/// order this close to midnight may sit on the neighbouring day's bill, and is not called missing.
fn midnight_margin() -> Duration {
    Duration::minutes(10)
}

/// Checks one gateway's bill of `day` (China's calendar day, as the gateways' bills are); the
/// number of differences found for the first time, or None where the gateway keeps no bill.
pub async fn check_day(state: &ServerState, gateway_code: &str, day: NaiveDate) -> Result<Option<usize>, AppError> {
    let gateway = state.gateways.find(gateway_code).cloned().ok_or(AppError::NotFound)?;
    let Some(lines) = gateway.bill(day).await.map_err(unreachable)? else { return Ok(None) };
    let (start, end) = china_day(day);
    let orders = payment_order::Entity::find()
        .filter(payment_order::Column::Gateway.eq(gateway_code))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(payment_order::Column::PaidAt.gte(start))
                        .add(payment_order::Column::PaidAt.lt(end)),
                )
                .add(
                    Condition::all()
                        .add(payment_order::Column::RefundedAt.gte(start))
                        .add(payment_order::Column::RefundedAt.lt(end)),
                )
                .add(payment_order::Column::OrderNo.is_in(lines.iter().map(|l| l.order_no.clone()))),
        )
        .all(&state.db)
        .await?;
    let mut differences = Vec::new();
    for line in &lines {
        if !orders.iter().any(|order| matches(order, line)) {
            differences.push((ONLY_IN_BILL, line.clone()));
        }
    }
    let inside = |at: &Option<DateTime<Utc>>| {
        at.is_some_and(|at| at >= start + midnight_margin() && at < end - midnight_margin())
    };
    for order in &orders {
        let paid = BillLine {
            order_no: order.order_no.clone(),
            txn: order.paid_txn.clone().unwrap_or_default(),
            event: NoticeEvent::Paid,
            amount_fen: order.amount(),
        };
        if inside(&order.paid_at) && !lines.iter().any(|l| l.event == NoticeEvent::Paid && matches(order, l)) {
            differences.push((NOT_IN_BILL, paid.clone()));
        }
        if inside(&order.refunded_at) && !lines.iter().any(|l| l.event == NoticeEvent::Refunded && matches(order, l)) {
            differences.push((NOT_IN_BILL, BillLine { event: NoticeEvent::Refunded, ..paid }));
        }
    }
    let mut found = 0;
    for (kind, line) in differences {
        if flag(state, gateway_code, day, kind, &line).await? {
            found += 1;
        }
    }
    Ok(Some(found))
}

/// Whether the bill's line is what Zige holds of the order: the same payment, the same amount,
/// and for a refund an order Zige refunded (one still under way is not refunded yet).
fn matches(order: &payment_order::Model, line: &BillLine) -> bool {
    let same_payment = order.order_no == line.order_no && order.amount() == line.amount_fen;
    match line.event {
        NoticeEvent::Paid => {
            same_payment
                && order.paid_txn.as_deref() == Some(line.txn.as_str())
                && matches!(order.state, OrderState::Paid | OrderState::RefundPending | OrderState::Refunded)
        }
        NoticeEvent::Refunded => same_payment && order.state == OrderState::Refunded,
        // Bills list payments and refunds only.
        NoticeEvent::RefundFailed | NoticeEvent::PaidThenRefunded => false,
    }
}

/// Keeps one difference for staff; false when it was kept by an earlier check.
async fn flag(
    state: &ServerState,
    gateway: &str,
    day: NaiveDate,
    kind: &str,
    line: &BillLine,
) -> Result<bool, AppError> {
    let event = match line.event {
        NoticeEvent::Paid => "payment",
        NoticeEvent::Refunded | NoticeEvent::RefundFailed | NoticeEvent::PaidThenRefunded => "refund",
    };
    let now = state.clock.now();
    let detail = format!("{day} {event} {} txn {} {}: {kind}", line.order_no, line.txn, format_yuan(line.amount_fen));
    let inserted = payment_notice::ActiveModel {
        gateway: Set(gateway.to_string()),
        notice_id: Set(format!("bill:{day}:{kind}:{event}:{}:{}", line.order_no, line.txn)),
        order_no: Set(line.order_no.clone()),
        txn: Set(line.txn.clone()),
        amount_fen: Set(i64::try_from(line.amount_fen).unwrap_or(i64::MAX)),
        outcome: Set(kind.to_string()),
        received_at: Set(now),
        body: Set(detail.clone()),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    if inserted.is_err() {
        return Ok(false);
    }
    audit::record(&state.db, None, AuditAction::PaymentNoticeKept, gateway, &detail, now).await?;
    Ok(true)
}

/// The bills' day, midnight to midnight in China (UTC+8), in UTC.
fn china_day(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = day.and_time(NaiveTime::MIN).and_utc() - Duration::hours(8);
    (start, start + Duration::days(1))
}

pub use crate::ssr::infra::clock::china_today;

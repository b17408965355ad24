//! What administrators do with money (seed 004: 现场缴费 by 支付宝 or 微信 at the on-site check): record an
//! on-site payment, refund a paid order (the notifications flagged for staff are
//! `flagged_payments`). Every action is audited with who did it.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};

use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::payment_order::{decide, OrderEvent, OrderOutcome, OrderState};
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ApplicationState;
use crate::error::AppError;
use crate::models::payment::OrderView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::{Admin, Staff};
use crate::ssr::access::reviewer_access::require_on_site_of;
use crate::ssr::accounts::account_store;
use crate::ssr::application::application_queries;
use crate::ssr::entities::{on_site_check, payment_order};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::payment_gateway::{RefundRequest, RefundTaken};
use crate::ssr::infra::server_state::ServerState;

use super::gateway_failure::unreachable;
use super::gateway_orders::{close_everywhere, Closing};
use super::order_moves::move_order;
use super::order_numbers::{new_order_no, refund_no};
use super::order_view::{order_view, ON_SITE};
use super::orders::latest_order;

/// Whether the on-site check recorded 原件审核通过 for the application (`ssr::on_site`).
async fn originals_passed(state: &ServerState, application_id: ApplicationId) -> Result<bool, AppError> {
    let check = on_site_check::Entity::find()
        .filter(on_site_check::Column::ApplicationId.eq(application_id))
        .one(&state.db)
        .await?;
    Ok(check.is_some_and(|c| c.outcome == Some(OnSiteOutcome::Passed)))
}

/// Records that the candidate with `id_number` paid the exam's fee on site, with the receipt or
/// transaction number staff read off the terminal: by an administrator, or at the branch's on-site check
/// by the exam's staff. An open online order is closed first.
#[tracing::instrument(skip_all, fields(staff = %staff.id, exam = %exam_code))]
pub async fn record_on_site(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    id_number: &str,
    receipt_no: &str,
) -> Result<OrderView, AppError> {
    let receipt_no = receipt_no.trim();
    if receipt_no.is_empty() || receipt_no.chars().count() > 64 {
        return Err(AppError::invalid_field(
            "receipt_no",
            "请填写收款凭证号（1–64 个字符）",
            "Enter the receipt or transaction number (1–64 characters)",
        ));
    }
    require_on_site_of(&state.db, staff, exam_code).await?;
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    let fee =
        definition.fee.as_ref().filter(|f| f.on_site).ok_or_else(|| {
            AppError::payment_refused("本考试不接受现场缴费", "This exam does not take the fee on site")
        })?;
    let candidate = account_store::find_by_id_number(&state.db, id_number).await?.ok_or(AppError::NotFound)?;
    let application = application_queries::find(&state.db, candidate.id, exam_code)
        .await?
        .filter(|a| a.state == ApplicationState::Approved)
        .ok_or_else(|| {
            AppError::payment_refused(
                "该考生的报名未审核通过，不能缴费",
                "This candidate is not approved; no fee is due",
            )
        })?;
    // Seed 004, 八: "原件审核通过后，学员……在现场缴费".
    if definition.on_site.as_ref().is_some_and(|spec| spec.fee_after_check)
        && !originals_passed(state, application.id).await?
    {
        return Err(AppError::payment_refused(
            "原件审核通过后才能登记现场缴费：该考生的原件尚未审核通过",
            "The fee is taken on site only once the originals passed; this candidate's have not",
        ));
    }
    let now = state.clock.now();
    if let Some(latest) = latest_order(state, application.id).await? {
        match latest.state {
            OrderState::Paid => {
                return Err(AppError::payment_refused(
                    format!("该考生已缴费（订单 {}）", latest.order_no),
                    format!("This candidate has paid already (order {})", latest.order_no),
                ))
            }
            OrderState::RefundPending => {
                return Err(AppError::payment_refused(
                    format!("该考生的退款正在处理中（订单 {}），完成后才能再登记缴费", latest.order_no),
                    format!("A refund of order {} is under way; record a payment once it is done", latest.order_no),
                ))
            }
            OrderState::Created => match close_everywhere(state, &latest).await? {
                Closing::PaidMeanwhile => {
                    return Err(AppError::payment_refused(
                        format!("该考生已在线支付（订单 {}），无需现场缴费", latest.order_no),
                        format!(
                            "This candidate has just paid online (order {}); no on-site payment is due",
                            latest.order_no
                        ),
                    ))
                }
                // Paid and refunded at the gateway: nothing of it is open, and the fee is due.
                Closing::RefundedMeanwhile => {}
                Closing::Closed => {
                    let detail = format!("{} closed: paid on site", latest.order_no);
                    audit::record(
                        &state.db,
                        Some(staff.account()),
                        AuditAction::OrderClosed,
                        exam_code.as_str(),
                        &detail,
                        now,
                    )
                    .await?;
                }
            },
            OrderState::Refunded | OrderState::Closed => {}
        }
    }
    let order = payment_order::ActiveModel {
        order_no: Set(new_order_no()),
        application_id: Set(application.id),
        user_id: Set(candidate.id),
        exam_code: Set(exam_code.clone()),
        amount_fen: Set(i64::from(fee.amount_fen)),
        gateway: Set(ON_SITE.to_string()),
        state: Set(OrderState::Paid),
        open_for: Set(None),
        paid_txn: Set(Some(receipt_no.to_string())),
        created_at: Set(now),
        paid_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    let order = match order {
        Ok(order) => order,
        // Other on-site staff (or an administrator) recorded it at the same moment, or the receipt was
        // typed for another payment: the database keeps one paid order per application and a
        // receipt once per exam (migration 39).
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(match latest_order(state, application.id).await? {
                Some(paid) if paid.state == OrderState::Paid => AppError::payment_refused(
                    format!("该考生已缴费（订单 {}）", paid.order_no),
                    format!("This candidate has paid already (order {})", paid.order_no),
                ),
                _ => AppError::payment_refused(
                    format!("收款凭证号 {receipt_no} 已用于本考试的另一笔现场缴费，请核对"),
                    format!("Receipt number {receipt_no} is already recorded for another on-site payment of this exam; check it"),
                ),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let detail = format!(
        "{} {} fen on site, receipt {receipt_no}, candidate {}",
        order.order_no,
        order.amount_fen,
        candidate.masked_id_number()
    );
    audit::record(
        &state.db,
        Some(staff.account()),
        AuditAction::OnSitePaymentRecorded,
        exam_code.as_str(),
        &detail,
        now,
    )
    .await?;
    Ok(order_view(state, &order))
}

/// Refunds a paid order, with the reason: through its gateway (refunded once the gateway says
/// the money is going back, 退款中 while it is still under way), or, for an on-site payment, at
/// the on-site check.
#[tracing::instrument(skip_all, fields(staff = %staff.id, order = order_no))]
pub async fn refund(
    state: &ServerState,
    staff: &Caller<Admin>,
    order_no: &str,
    reason: &str,
) -> Result<OrderView, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", "请填写退款原因", "Give the reason for the refund"));
    }
    let order = payment_order::Entity::find()
        .filter(payment_order::Column::OrderNo.eq(order_no))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    match decide(&order.facts(), &OrderEvent::Refund) {
        OrderOutcome::Moves(OrderState::Refunded) => refund_through_gateway(state, staff, &order, reason).await?,
        OrderOutcome::AlreadyDone => {}
        OrderOutcome::Refused { message_zh, message_en } => {
            return Err(AppError::payment_refused(message_zh, message_en))
        }
        OrderOutcome::Moves(_) | OrderOutcome::ForStaff(_) | OrderOutcome::MovesForStaff(..) => {
            return Err(AppError::Internal)
        }
    }
    let order = payment_order::Entity::find_by_id(order.id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    Ok(order_view(state, &order))
}

/// Asks the order's gateway for the refund (an on-site payment is refunded at the on-site check) and
/// records what it answered: refunded, or 退款中 while the gateway takes its time (its
/// notification finishes it). Asked again, the same refund number refunds once.
async fn refund_through_gateway(
    state: &ServerState,
    staff: &Caller<Admin>,
    order: &payment_order::Model,
    reason: &str,
) -> Result<(), AppError> {
    let taken = match state.gateways.find(&order.gateway).cloned() {
        Some(gateway) => {
            let refund = RefundRequest {
                order_no: order.order_no.clone(),
                refund_no: refund_no(&order.order_no),
                refund_fen: order.amount(),
                total_fen: order.amount(),
                reason: reason.chars().take(80).collect(),
            };
            gateway.refund(&refund).await.map_err(unreachable)?
        }
        None => RefundTaken::Refunded,
    };
    let (to, action, said) = match taken {
        RefundTaken::Refunded => (OrderState::Refunded, AuditAction::OrderRefunded, "refunded"),
        RefundTaken::UnderWay => (OrderState::RefundPending, AuditAction::OrderRefundRequested, "under way"),
    };
    let now = state.clock.now();
    if to != order.state && move_order(&state.db, order, to, "", now).await? {
        let detail = format!("{} {} fen, {said}: {reason}", order.order_no, order.amount_fen);
        audit::record(&state.db, Some(staff.account()), action, order.exam_code.as_str(), &detail, now).await?;
    }
    Ok(())
}

//! The candidate's side of the fee (seed 002: 选择支付网关 → 生成订单 → 支付 → 支付完毕): an approved
//! candidate, once results are published, makes an order for the exam's amount through one of the
//! installation's gateways, may close it unpaid, and sees where it stands. One open order per
//! application (the database refuses a second); the amount is the exam's, never the browser's.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::domain::exam_fee::ExamFee;
use crate::domain::payment_order::{decide, OrderEvent, OrderOutcome, OrderState};
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::payment::{FeeView, GatewayChoice};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access::{self, CandidateExam};
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::{application, payment_order};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

use super::cashier_return::await_payment_result;
use super::gateway_orders::{close_everywhere, Closing};
use super::order_numbers::new_order_no;
use super::order_view::order_view;

/// The exam's fee and the candidate's latest order; None when the exam charges nothing or the
/// candidate is not (yet) approved. Where that order is `returned_order` and still waits for
/// payment, the answer waits a few seconds for the payment's result (`cashier_return`).
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code))]
pub async fn fee_status(
    state: &ServerState,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
    returned_order: Option<&str>,
) -> Result<Option<FeeView>, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let Ok((fee, application)) = approved_with_fee(&exam) else { return Ok(None) };
    let mut latest = latest_order(state, application.id).await?;
    if let Some(open) =
        latest.take_if(|o| o.state == OrderState::Created && returned_order == Some(o.order_no.as_str()))
    {
        latest = Some(await_payment_result(state, open).await?);
    }
    let gateways = if fee.online {
        state
            .gateways
            .all()
            .iter()
            .map(|g| GatewayChoice {
                code: g.code().to_string(),
                name_zh: g.name_zh().to_string(),
                name_en: g.name_en().to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(FeeView {
        amount_fen: u64::from(fee.amount_fen),
        online: fee.online,
        on_site: fee.on_site,
        gateways,
        order: latest.as_ref().map(|order| order_view(state, order)),
        ticket_follows: exam.definition.ticket.is_some(),
    }))
}

/// 生成订单: a new order for the exam's amount through `gateway_code`, or the open one when it
/// is already there for the same gateway.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code, gateway = gateway_code))]
pub async fn create(
    state: &ServerState,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
    gateway_code: &str,
) -> Result<payment_order::Model, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let (fee, application) = approved_with_fee(&exam)?;
    if !fee.online {
        return Err(AppError::payment_refused(
            "本考试只接受现场缴费，请按公告到现场缴费",
            "This exam takes the fee on site only; pay there as the announcement says",
        ));
    }
    let gateway = state.gateways.find(gateway_code).ok_or(AppError::NotFound)?;
    if let Some(existing) = latest_order(state, application.id).await? {
        match existing.state {
            OrderState::Created if existing.gateway == gateway.code() => return Ok(existing),
            OrderState::Created => {
                return Err(AppError::payment_refused(
                    format!("已有待支付订单 {}，请先支付或关闭该订单", existing.order_no),
                    format!("Order {} is waiting for payment; pay it or close it first", existing.order_no),
                ))
            }
            OrderState::Paid => {
                return Err(AppError::payment_refused("费用已缴纳，无需再次支付", "The fee is paid already"))
            }
            // The candidate asked for the fee back; a new order waits until it is back.
            OrderState::RefundPending => {
                return Err(AppError::payment_refused(
                    "退款正在处理中，退款完成前不能重新缴费",
                    "A refund of the fee is under way; a new payment waits until it is done",
                ))
            }
            OrderState::Refunded | OrderState::Closed => {}
        }
    }
    let now = state.clock.now();
    let inserted = payment_order::ActiveModel {
        order_no: Set(new_order_no()),
        application_id: Set(application.id),
        user_id: Set(account.id),
        exam_code: Set(exam_code.clone()),
        amount_fen: Set(i64::from(fee.amount_fen)),
        gateway: Set(gateway.code().to_string()),
        state: Set(OrderState::Created),
        open_for: Set(Some(application.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    match inserted {
        Ok(order) => {
            let detail = format!("{} {} fen via {}", order.order_no, order.amount_fen, order.gateway);
            audit::record(
                &state.db,
                Some(account.account()),
                AuditAction::OrderCreated,
                exam_code.as_str(),
                &detail,
                now,
            )
            .await?;
            Ok(order)
        }
        // Another tab made one at the same moment (the open-order index refused this one).
        Err(_) => {
            latest_order(state, application.id).await?.filter(|o| o.state == OrderState::Created).ok_or_else(|| {
                AppError::payment_refused("订单未能生成，请稍后再试", "The order could not be made; try again")
            })
        }
    }
}

/// Closes the candidate's own open order (to pay another way, or not at all).
#[tracing::instrument(skip_all, fields(user = %account.id, order = order_no))]
pub async fn close(state: &ServerState, account: &Caller<Candidate>, order_no: &str) -> Result<(), AppError> {
    let order = own_order(state, account, order_no).await?;
    match decide(&order.facts(), &OrderEvent::Close) {
        OrderOutcome::Moves(OrderState::Closed) => {
            let now = state.clock.now();
            match close_everywhere(state, &order).await? {
                Closing::PaidMeanwhile => {
                    Err(AppError::payment_refused("订单已支付，不能关闭", "The order is paid and cannot be closed"))
                }
                // Nothing is open any more; the refund that ended it is audited as the gateway's.
                Closing::RefundedMeanwhile => Ok(()),
                Closing::Closed => {
                    audit::record(
                        &state.db,
                        Some(account.account()),
                        AuditAction::OrderClosed,
                        order.exam_code.as_str(),
                        order_no,
                        now,
                    )
                    .await
                }
            }
        }
        OrderOutcome::AlreadyDone => Ok(()),
        OrderOutcome::Refused { message_zh, message_en } => Err(AppError::payment_refused(message_zh, message_en)),
        OrderOutcome::Moves(_) | OrderOutcome::ForStaff(_) | OrderOutcome::MovesForStaff(..) => Err(AppError::Internal),
    }
}

/// The candidate's own order by its number; anyone else's is simply not found.
#[tracing::instrument(skip_all, fields(user = %account.id, order = order_no))]
pub async fn own_order(
    state: &ServerState,
    account: &Caller<Candidate>,
    order_no: &str,
) -> Result<payment_order::Model, AppError> {
    payment_order::Entity::find()
        .filter(payment_order::Column::OrderNo.eq(order_no))
        .filter(payment_order::Column::UserId.eq(account.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The exam's fee and the application, when the candidate has been approved and may see it.
fn approved_with_fee(exam: &CandidateExam) -> Result<(&ExamFee, &application::Model), AppError> {
    let fee = exam.definition.fee.as_ref().ok_or(AppError::NotFound)?;
    let application = exam.approved_application().ok_or_else(|| {
        AppError::payment_refused(
            "审核通过并公布结果后才能缴费",
            "The fee can be paid once the application is approved and results are published",
        )
    })?;
    Ok((fee, application))
}

pub async fn latest_order(
    state: &ServerState,
    application_id: ApplicationId,
) -> Result<Option<payment_order::Model>, AppError> {
    Ok(payment_order::Entity::find()
        .filter(payment_order::Column::ApplicationId.eq(application_id))
        .order_by_desc(payment_order::Column::Id)
        .one(&state.db)
        .await?)
}

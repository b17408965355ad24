//! 缴费记录 (seeds 001/003's menu): every order a candidate ever made, across exams, newest first,
//! with the 缴费凭证 of each one paid.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::china_time::china_time;
use crate::domain::payment_order::OrderState;
use crate::error::AppError;
use crate::models::payment::PaymentRecord;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::payment_order;
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

use super::order_view::order_view;

/// The 缴费凭证's address for an order: only a paid order has one (`payment_receipt`).
pub fn receipt_address(order_no: &str) -> String {
    format!("/api/payments/{order_no}/receipt.pdf")
}

#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn payment_records(state: &ServerState, account: &Caller<Candidate>) -> Result<Vec<PaymentRecord>, AppError> {
    let orders = payment_order::Entity::find()
        .filter(payment_order::Column::UserId.eq(account.id))
        .order_by_desc(payment_order::Column::CreatedAt)
        .order_by_desc(payment_order::Column::Id)
        .all(&state.db)
        .await?;
    let definitions =
        exam_store::load_each(&state.db, orders.iter().map(|order| order.exam_code.clone()).collect()).await?;
    Ok(orders
        .iter()
        .map(|order| {
            let definition = definitions.get(&order.exam_code).and_then(Option::as_ref);
            let title = |pick: fn(&crate::domain::ExamDefinition) -> &String| {
                definition.map_or_else(|| order.exam_code.to_string(), |d| pick(d).clone())
            };
            PaymentRecord {
                exam_code: order.exam_code.clone(),
                exam_title_zh: title(|d| &d.title_zh),
                exam_title_en: title(|d| &d.title_en),
                order: order_view(state, order),
                refunded_at: order.refunded_at.map(china_time),
                receipt_url: (order.state == OrderState::Paid).then(|| receipt_address(&order.order_no)),
            }
        })
        .collect())
}

//! 缴费凭证: what a candidate keeps of a fee paid — the exam and its organiser (who took the money),
//! the payer, the order, the amount, how and when it was paid, and the gateway's transaction — for
//! each order paid, from 缴费记录 (seeds 001/003). Laid out by the exam's template (shipped:
//! `exams/templates/payment-receipt.typ`), one A4 page.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::china_time::china_time;
use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::exam_fee::format_yuan;
use app::domain::payment_order::OrderState;
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::gate::Candidate;
use app::ssr::exams::exam_store;
use app::ssr::payments::order_view::order_view;
use app::ssr::payments::orders::own_order;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::render::render_for_exam;
use super::upload_receipt::Holder;

/// A paid order as the receipt prints it.
pub struct PaidOrder<'a> {
    pub order_no: &'a str,
    pub amount_fen: u64,
    pub gateway_zh: &'a str,
    pub gateway_en: &'a str,
    pub transaction: &'a str,
    pub paid_at: DateTime<Utc>,
}

/// The signed-in candidate's receipt for their order `order_no`, as a PDF; another's order is not
/// found, and an order not paid (or paid and refunded since) has none.
pub async fn payment_receipt_pdf(
    state: &ServerState,
    cell: &FontCell,
    account: &Caller<Candidate>,
    order_no: &str,
) -> Result<Vec<u8>, AppError> {
    let order = own_order(state, account, order_no).await?;
    let paid_at = order.paid_at.filter(|_| order.state == OrderState::Paid).ok_or_else(|| {
        AppError::payment_refused(
            format!("订单 {order_no} 的状态是“{}”，只有已支付的订单有缴费凭证", order.state.label_zh()),
            format!("Order {order_no} is {}: only a paid order has a receipt", order.state.label_en()),
        )
    })?;
    let definition = exam_store::load(&state.db, &order.exam_code).await?.ok_or(AppError::NotFound)?;
    let view = order_view(state, &order);
    let paid = PaidOrder {
        order_no: &order.order_no,
        amount_fen: order.amount(),
        gateway_zh: &view.gateway_zh,
        gateway_en: &view.gateway_en,
        transaction: order.paid_txn.as_deref().unwrap_or("—"),
        paid_at,
    };
    let holder = Holder { name: &account.name, id_masked: &account.masked_id_number() };
    let data = inputs(&definition, &holder, &paid, &china_time(state.clock.now()).zh());
    let kind = DocumentKind::PaymentReceipt;
    Ok(render_for_exam(state, cell, &order.exam_code, kind, data, Vec::new()).await?.0)
}

/// What the template reads (`sys.inputs`), for a real candidate or the sample one.
pub fn inputs(definition: &ExamDefinition, holder: &Holder, order: &PaidOrder, issued_at: &str) -> Value {
    json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "organiser_zh": definition.organiser_zh,
        "organiser_en": definition.organiser_en,
        "name": holder.name,
        "id_number": holder.id_masked,
        "order_no": order.order_no,
        "amount": format_yuan(order.amount_fen),
        "gateway_zh": order.gateway_zh,
        "gateway_en": order.gateway_en,
        "transaction": order.transaction,
        "paid_at": china_time(order.paid_at).zh(),
        "issued_at": issued_at,
        "helpline": definition.helpline.as_ref().map(|helpline| helpline.words().0),
    })
}

//! A candidate's fee as the exam page shows it, and an order as staff list it.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::payment_order::OrderState;

/// The fee of an exam for an approved candidate: how much, how it may be paid, the order if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeeView {
    pub amount_fen: u64,
    pub online: bool,
    pub on_site: bool,
    /// The gateways a new order may use (online payment only).
    pub gateways: Vec<GatewayChoice>,
    /// The latest order, open or not.
    pub order: Option<OrderView>,
    /// The exam prints admission tickets (准考证): once paid, the candidate is told one follows.
    pub ticket_follows: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatewayChoice {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderView {
    pub order_no: String,
    pub amount_fen: u64,
    pub state: OrderState,
    /// "on_site" for a payment staff recorded.
    pub gateway: String,
    pub gateway_zh: String,
    pub gateway_en: String,
    /// Where to pay, while the order is open and online.
    pub cashier_url: Option<String>,
    pub created_at: ChinaTime,
    pub paid_at: Option<ChinaTime>,
}

/// A gateway's notification that moved no order (money the order could not take), waiting for
/// staff to refund it or settle it by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedNotice {
    pub id: i32,
    pub order_no: String,
    pub gateway: String,
    pub txn: String,
    pub amount_fen: u64,
    /// Why it waits: `amount_mismatch`, `paid_after_close`, `paid_twice`, `unknown_order`.
    pub outcome: String,
    pub received_at: ChinaTime,
}

/// 缴费记录: one order of the candidate's, whichever exam it was for, as the records page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub exam_code: crate::domain::record_ids::ExamCode,
    pub exam_title_zh: String,
    pub exam_title_en: String,
    pub order: OrderView,
    /// When the money went back (已退款); none while a refund is under way (退款中).
    pub refunded_at: Option<ChinaTime>,
    /// The 缴费凭证's address, for an order paid and not refunded.
    pub receipt_url: Option<String>,
}

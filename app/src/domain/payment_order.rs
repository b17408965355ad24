//! A fee order's life (seed 002's 生成订单 → 支付 → 支付完毕; seed 004's on-site payment): created,
//! then paid, then perhaps refunded; or closed unpaid. Pure: what a payment notification, a close
//! or a refund does to an order in a given state, including the cases a real gateway produces — the
//! same notification twice, a notification after the order was closed, an amount that is not the
//! order's, a second payment. The server applies the outcome in one transaction.

use serde::{Deserialize, Serialize};

use super::exam_fee::format_yuan;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// 待支付: waiting for the payment.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "created"))]
    Created,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "paid"))]
    Paid,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "refunded"))]
    Refunded,
    /// Closed unpaid (by the candidate, to pay another way, or by staff).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
}

impl OrderState {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Created => "created",
            OrderState::Paid => "paid",
            OrderState::Refunded => "refunded",
            OrderState::Closed => "closed",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            OrderState::Created => "待支付",
            OrderState::Paid => "已支付",
            OrderState::Refunded => "已退款",
            OrderState::Closed => "已关闭",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            OrderState::Created => "Awaiting payment",
            OrderState::Paid => "Paid",
            OrderState::Refunded => "Refunded",
            OrderState::Closed => "Closed",
        }
    }

    /// An order in this state blocks a new one for the same application.
    pub fn is_open(self) -> bool {
        self == OrderState::Created
    }
}

/// What happened to an order, as reported or done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderEvent {
    /// The gateway (or staff, on site) says `amount_fen` was paid in transaction `txn`.
    Paid {
        amount_fen: u64,
        txn: String,
    },
    Close,
    Refund,
}

/// The order as it stands, for deciding an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderFacts {
    pub state: OrderState,
    pub amount_fen: u64,
    /// The transaction that paid it, once paid.
    pub paid_txn: Option<String>,
}

/// What an event does to an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderOutcome {
    /// The order moves to this state.
    Moves(OrderState),
    /// Nothing changes: the event was already applied (the same payment reported again).
    AlreadyDone,
    /// Nothing changes, and staff must look: money arrived that the order cannot take.
    ForStaff(StaffFlag),
    /// Refused: the event makes no sense for the order (closing a paid order, refunding an
    /// unpaid one). Said to whoever asked.
    Refused { message_zh: String, message_en: String },
}

/// Money that arrived where it should not: kept, flagged for staff to refund or settle by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffFlag {
    /// A payment of another amount than the order's.
    AmountMismatch { expected_fen: u64, paid_fen: u64 },
    /// A payment for an order already closed (the candidate paid in a tab left open).
    PaidAfterClose,
    /// A second payment, by another transaction, of an order already paid (or refunded).
    PaidTwice { first_txn: String },
}

/// What staff are told of a notification flagged with `code` (a `StaffFlag::code`, or
/// `unknown_order`), in both languages.
pub fn flag_label(code: &str) -> (&'static str, &'static str) {
    match code {
        "amount_mismatch" => ("金额与订单不符", "Amount differs from the order's"),
        "paid_after_close" => ("订单关闭后付款，需退款", "Paid after the order was closed: refund it"),
        "paid_twice" => ("重复付款，需退款一笔", "Paid twice: refund one"),
        "unknown_order" => ("找不到对应订单", "No such order"),
        "refund_unmatched" => ("支付机构报告了未支付订单的退款", "The provider reported a refund of an unpaid order"),
        "not_in_bill" => ("对账单中没有这笔款项", "Not on the provider's bill"),
        "only_in_bill" => ("对账单中有、系统中没有这笔款项", "On the provider's bill but not in Zige"),
        _ => ("待处理", "To settle"),
    }
}

impl StaffFlag {
    pub fn code(&self) -> &'static str {
        match self {
            StaffFlag::AmountMismatch { .. } => "amount_mismatch",
            StaffFlag::PaidAfterClose => "paid_after_close",
            StaffFlag::PaidTwice { .. } => "paid_twice",
        }
    }

    /// For the staff's list, in both languages.
    pub fn describe(&self) -> (String, String) {
        match self {
            StaffFlag::AmountMismatch { expected_fen, paid_fen } => (
                format!("支付金额 {} 与订单金额 {} 不符", format_yuan(*paid_fen), format_yuan(*expected_fen)),
                format!("Paid {} but the order is for {}", format_yuan(*paid_fen), format_yuan(*expected_fen)),
            ),
            StaffFlag::PaidAfterClose => (
                "订单已关闭后收到付款，需退款".to_string(),
                "Payment arrived after the order was closed: refund it".to_string(),
            ),
            StaffFlag::PaidTwice { first_txn } => (
                format!("重复付款（首次交易 {first_txn}），需退款"),
                format!("Paid twice (first transaction {first_txn}): refund one"),
            ),
        }
    }
}

/// What `event` does to an order with these facts.
pub fn decide(order: &OrderFacts, event: &OrderEvent) -> OrderOutcome {
    use OrderState as S;
    match (event, order.state) {
        (OrderEvent::Paid { txn, .. }, S::Paid | S::Refunded) if order.paid_txn.as_deref() == Some(txn) => {
            OrderOutcome::AlreadyDone
        }
        (OrderEvent::Paid { .. }, S::Paid | S::Refunded) => {
            OrderOutcome::ForStaff(StaffFlag::PaidTwice { first_txn: order.paid_txn.clone().unwrap_or_default() })
        }
        (OrderEvent::Paid { .. }, S::Closed) => OrderOutcome::ForStaff(StaffFlag::PaidAfterClose),
        (OrderEvent::Paid { amount_fen, .. }, S::Created) if *amount_fen != order.amount_fen => {
            OrderOutcome::ForStaff(StaffFlag::AmountMismatch { expected_fen: order.amount_fen, paid_fen: *amount_fen })
        }
        (OrderEvent::Paid { .. }, S::Created) => OrderOutcome::Moves(S::Paid),
        (OrderEvent::Close, S::Created) => OrderOutcome::Moves(S::Closed),
        (OrderEvent::Close, S::Closed) => OrderOutcome::AlreadyDone,
        (OrderEvent::Close, _) => refused(
            "订单已支付，不能关闭；如需退费请联系考试机构",
            "The order is paid and cannot be closed; ask the exam office for a refund",
        ),
        (OrderEvent::Refund, S::Paid) => OrderOutcome::Moves(S::Refunded),
        (OrderEvent::Refund, S::Refunded) => OrderOutcome::AlreadyDone,
        (OrderEvent::Refund, _) => refused("订单未支付，无需退款", "The order is not paid; there is nothing to refund"),
    }
}

fn refused(zh: &str, en: &str) -> OrderOutcome {
    OrderOutcome::Refused { message_zh: zh.to_string(), message_en: en.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(state: OrderState, paid_txn: Option<&str>) -> OrderFacts {
        OrderFacts { state, amount_fen: 10000, paid_txn: paid_txn.map(str::to_string) }
    }

    fn paid(amount_fen: u64, txn: &str) -> OrderEvent {
        OrderEvent::Paid { amount_fen, txn: txn.to_string() }
    }

    #[test]
    fn a_payment_of_the_amount_pays_an_open_order_once() {
        assert_eq!(
            decide(&order(OrderState::Created, None), &paid(10000, "T1")),
            OrderOutcome::Moves(OrderState::Paid)
        );
        assert_eq!(decide(&order(OrderState::Paid, Some("T1")), &paid(10000, "T1")), OrderOutcome::AlreadyDone);
        assert_eq!(decide(&order(OrderState::Refunded, Some("T1")), &paid(10000, "T1")), OrderOutcome::AlreadyDone);
    }

    #[test]
    fn money_the_order_cannot_take_is_flagged_for_staff_not_lost() {
        assert_eq!(
            decide(&order(OrderState::Created, None), &paid(1, "T1")),
            OrderOutcome::ForStaff(StaffFlag::AmountMismatch { expected_fen: 10000, paid_fen: 1 })
        );
        assert_eq!(
            decide(&order(OrderState::Closed, None), &paid(10000, "T1")),
            OrderOutcome::ForStaff(StaffFlag::PaidAfterClose)
        );
        assert_eq!(
            decide(&order(OrderState::Paid, Some("T1")), &paid(10000, "T2")),
            OrderOutcome::ForStaff(StaffFlag::PaidTwice { first_txn: "T1".into() })
        );
        let (zh, en) = StaffFlag::AmountMismatch { expected_fen: 10000, paid_fen: 1 }.describe();
        assert_eq!(zh, "支付金额 ¥0.01 与订单金额 ¥100.00 不符");
        assert_eq!(en, "Paid ¥0.01 but the order is for ¥100.00");
    }

    #[test]
    fn closing_and_refunding_follow_the_order_s_state() {
        assert_eq!(
            decide(&order(OrderState::Created, None), &OrderEvent::Close),
            OrderOutcome::Moves(OrderState::Closed)
        );
        assert!(matches!(
            decide(&order(OrderState::Paid, Some("T1")), &OrderEvent::Close),
            OrderOutcome::Refused { .. }
        ));
        assert_eq!(
            decide(&order(OrderState::Paid, Some("T1")), &OrderEvent::Refund),
            OrderOutcome::Moves(OrderState::Refunded)
        );
        assert!(matches!(decide(&order(OrderState::Created, None), &OrderEvent::Refund), OrderOutcome::Refused { .. }));
        assert_eq!(decide(&order(OrderState::Refunded, Some("T1")), &OrderEvent::Refund), OrderOutcome::AlreadyDone);
    }
}

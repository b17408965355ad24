//! A fee order's life (seed 002's 生成订单 → 支付 → 支付完毕; seed 004's on-site payment): created,
//! then paid, then perhaps refunded (at once, or after a while when the gateway takes its time);
//! or closed unpaid. Pure: what a payment notification, a close, a refund or the gateway's report
//! of one does to an order in a given state, including the cases a real gateway produces — the
//! same notification twice, a notification after the order was closed, an amount that is not the
//! order's, a second payment, a refund made at the gateway's console, a partial refund, a refund
//! that failed. The server applies the outcome in one transaction.

use serde::{Deserialize, Serialize};

use super::staff_flag::StaffFlag;

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
    /// 退款中: staff asked the gateway for the refund and it has not yet said the money is back
    /// (WeChat Pay's `PROCESSING`). Not paid any more (no seat, no ticket), not refunded yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "refund_pending"))]
    RefundPending,
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
            OrderState::RefundPending => "refund_pending",
            OrderState::Refunded => "refunded",
            OrderState::Closed => "closed",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            OrderState::Created => "待支付",
            OrderState::Paid => "已支付",
            OrderState::RefundPending => "退款中",
            OrderState::Refunded => "已退款",
            OrderState::Closed => "已关闭",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            OrderState::Created => "Awaiting payment",
            OrderState::Paid => "Paid",
            OrderState::RefundPending => "Refund under way",
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
    /// Staff refund the order (through its gateway, or on site).
    Refund,
    /// The gateway, asked about an order, says it was paid in `txn` and then refunded, without
    /// saying how much of it (WeChat Pay's `trade_state` REFUND, after a refund at its console).
    PaidThenRefunded {
        amount_fen: u64,
        txn: String,
    },
    /// The gateway reports a refund that went through: `refunded_fen` of the order's payment
    /// is back with the payer, by the refund Zige asked for (`ours`) or another (its console's).
    Refunded {
        refunded_fen: u64,
        ours: bool,
    },
    /// The gateway reports a refund that did not go through (WeChat Pay's REFUND.ABNORMAL, a
    /// card that no longer takes money back, or REFUND.CLOSED).
    RefundFailed,
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
    /// The order moves to this state, and staff must still look (what moved it left something
    /// unknown, such as how much of a payment was refunded).
    MovesForStaff(OrderState, StaffFlag),
    /// Refused: the event makes no sense for the order (closing a paid order, refunding an
    /// unpaid one). Said to whoever asked.
    Refused { message_zh: String, message_en: String },
}

/// What `event` does to an order with these facts.
pub fn decide(order: &OrderFacts, event: &OrderEvent) -> OrderOutcome {
    use OrderState as S;
    let took_money = matches!(order.state, S::Paid | S::RefundPending | S::Refunded);
    match (event, order.state) {
        (OrderEvent::Paid { txn, .. }, _) if took_money && order.paid_txn.as_deref() == Some(txn) => {
            OrderOutcome::AlreadyDone
        }
        (OrderEvent::Paid { .. }, _) if took_money => {
            OrderOutcome::ForStaff(StaffFlag::PaidTwice { first_txn: order.paid_txn.clone().unwrap_or_default() })
        }
        (OrderEvent::Paid { .. }, S::Closed) => OrderOutcome::ForStaff(StaffFlag::PaidAfterClose),
        (OrderEvent::Paid { amount_fen, .. }, S::Created) if *amount_fen != order.amount_fen => {
            OrderOutcome::ForStaff(StaffFlag::AmountMismatch { expected_fen: order.amount_fen, paid_fen: *amount_fen })
        }
        (OrderEvent::Paid { .. }, _) => OrderOutcome::Moves(S::Paid),
        (OrderEvent::Close, S::Created) => OrderOutcome::Moves(S::Closed),
        (OrderEvent::Close, S::Closed) => OrderOutcome::AlreadyDone,
        (OrderEvent::Close, _) => refused(
            "订单已支付，不能关闭；如需退费请联系考试机构",
            "The order is paid and cannot be closed; ask the exam office for a refund",
        ),
        // Asked again while the gateway takes its time: the same refund number, refunded once.
        (OrderEvent::Refund, S::Paid | S::RefundPending) => OrderOutcome::Moves(S::Refunded),
        (OrderEvent::Refund, S::Refunded) => OrderOutcome::AlreadyDone,
        (OrderEvent::Refund, _) => refused("订单未支付，无需退款", "The order is not paid; there is nothing to refund"),
        (OrderEvent::PaidThenRefunded { amount_fen, txn }, _) => after_refund_found(order, *amount_fen, txn),
        (OrderEvent::Refunded { refunded_fen, ours }, _) => refund_reported(order, *refunded_fen, *ours),
        (OrderEvent::RefundFailed, _) => OrderOutcome::ForStaff(StaffFlag::RefundFailed),
    }
}

/// The gateway says an order was paid and then refunded. Never "paid": on an open order of
/// that amount the payment and the refund are applied together, and staff check how much went
/// back, which the gateway did not say.
fn after_refund_found(order: &OrderFacts, amount_fen: u64, txn: &str) -> OrderOutcome {
    match order.state {
        OrderState::Created if amount_fen == order.amount_fen => {
            OrderOutcome::MovesForStaff(OrderState::Refunded, StaffFlag::RefundedAtGateway)
        }
        OrderState::Created => {
            OrderOutcome::ForStaff(StaffFlag::AmountMismatch { expected_fen: order.amount_fen, paid_fen: amount_fen })
        }
        OrderState::Refunded if order.paid_txn.as_deref() == Some(txn) => OrderOutcome::AlreadyDone,
        _ => OrderOutcome::ForStaff(StaffFlag::RefundedAtGateway),
    }
}

/// A refund the gateway reports as done. Only the whole amount refunds the order; a refund Zige
/// is waiting for is completed only by its own refund number.
fn refund_reported(order: &OrderFacts, refunded_fen: u64, ours: bool) -> OrderOutcome {
    use OrderState as S;
    let whole = refunded_fen == order.amount_fen;
    match order.state {
        S::Paid | S::RefundPending | S::Refunded if !whole => {
            OrderOutcome::ForStaff(StaffFlag::PartialRefund { order_fen: order.amount_fen, refunded_fen })
        }
        S::Paid => OrderOutcome::Moves(S::Refunded),
        S::RefundPending if ours => OrderOutcome::Moves(S::Refunded),
        S::Refunded => OrderOutcome::AlreadyDone,
        S::RefundPending | S::Created | S::Closed => OrderOutcome::ForStaff(StaffFlag::RefundUnmatched),
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

    fn refunded(refunded_fen: u64, ours: bool) -> OrderEvent {
        OrderEvent::Refunded { refunded_fen, ours }
    }

    #[test]
    fn a_refund_under_way_is_completed_by_its_own_refund_number_only() {
        let pending = order(OrderState::RefundPending, Some("T1"));
        assert_eq!(decide(&pending, &refunded(10000, true)), OrderOutcome::Moves(OrderState::Refunded));
        assert_eq!(decide(&pending, &refunded(10000, false)), OrderOutcome::ForStaff(StaffFlag::RefundUnmatched));
        // Staff may ask again (the same refund number), and it is neither paid nor closable.
        assert_eq!(decide(&pending, &OrderEvent::Refund), OrderOutcome::Moves(OrderState::Refunded));
        assert!(matches!(decide(&pending, &OrderEvent::Close), OrderOutcome::Refused { .. }));
        assert_eq!(decide(&pending, &paid(10000, "T1")), OrderOutcome::AlreadyDone);
        assert_eq!((OrderState::RefundPending.label_zh(), OrderState::RefundPending.is_open()), ("退款中", false));
    }

    #[test]
    fn a_whole_refund_at_the_console_refunds_a_paid_order_and_a_partial_one_waits_for_staff() {
        let paid_order = order(OrderState::Paid, Some("T1"));
        assert_eq!(decide(&paid_order, &refunded(10000, false)), OrderOutcome::Moves(OrderState::Refunded));
        let partial = OrderOutcome::ForStaff(StaffFlag::PartialRefund { order_fen: 10000, refunded_fen: 3000 });
        assert_eq!(decide(&paid_order, &refunded(3000, false)), partial);
        assert_eq!(decide(&order(OrderState::RefundPending, Some("T1")), &refunded(3000, true)), partial);
        assert_eq!(decide(&order(OrderState::Refunded, Some("T1")), &refunded(10000, true)), OrderOutcome::AlreadyDone);
        assert_eq!(
            decide(&order(OrderState::Created, None), &refunded(10000, false)),
            OrderOutcome::ForStaff(StaffFlag::RefundUnmatched)
        );
        let (zh, en) = StaffFlag::PartialRefund { order_fen: 10000, refunded_fen: 3000 }.describe();
        assert_eq!(
            (zh.as_str(), en.as_str()),
            ("退款 ¥30.00 与订单金额 ¥100.00 不符", "Refunded ¥30.00 of an order for ¥100.00")
        );
    }

    #[test]
    fn a_refund_that_did_not_go_through_waits_for_staff_whatever_the_order() {
        for state in [OrderState::RefundPending, OrderState::Paid, OrderState::Refunded] {
            assert_eq!(
                decide(&order(state, Some("T1")), &OrderEvent::RefundFailed),
                OrderOutcome::ForStaff(StaffFlag::RefundFailed)
            );
        }
        assert_eq!(
            crate::domain::staff_flag::flag_label("refund_failed").1,
            "The refund did not go through: settle it at the merchant platform"
        );
    }

    #[test]
    fn an_order_the_gateway_says_was_paid_then_refunded_is_never_paid() {
        let found = OrderEvent::PaidThenRefunded { amount_fen: 10000, txn: "T1".into() };
        assert_eq!(
            decide(&order(OrderState::Created, None), &found),
            OrderOutcome::MovesForStaff(OrderState::Refunded, StaffFlag::RefundedAtGateway)
        );
        let other_amount = OrderEvent::PaidThenRefunded { amount_fen: 1, txn: "T1".into() };
        assert!(matches!(
            decide(&order(OrderState::Created, None), &other_amount),
            OrderOutcome::ForStaff(StaffFlag::AmountMismatch { .. })
        ));
        assert_eq!(decide(&order(OrderState::Refunded, Some("T1")), &found), OrderOutcome::AlreadyDone);
        assert_eq!(
            decide(&order(OrderState::Closed, None), &found),
            OrderOutcome::ForStaff(StaffFlag::RefundedAtGateway)
        );
    }
}

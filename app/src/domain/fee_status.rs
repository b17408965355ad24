//! Where an application's fee stands (issue 70): one answer, from the exam's fee and the
//! application's orders, for every reader — the on-site check, the seating, the admission ticket,
//! the administrators' lists. Before, the on-site check and the seating asked "is any order paid"
//! and the ticket asked "is the latest order paid": two questions that one day would have answered
//! differently.

use crate::domain::payment_order::OrderState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeeStatus {
    /// The exam charges nothing.
    NotRequired,
    /// 未缴费: no order, or only orders closed unpaid.
    Due,
    /// 待支付: an order waits for its payment.
    Pending,
    /// 已缴费: an order is paid (the database holds at most one per application).
    Paid,
    /// 退款中: a refund was asked for and the gateway has not finished it.
    Refunding,
    /// 已退款: the fee was paid and given back; nothing is paid now.
    Refunded,
}

impl FeeStatus {
    /// The status of an application whose exam charges a fee (`charged`) and whose orders are in
    /// `orders`, in any order. A paid order decides, then a refund under way, then an order
    /// waiting, then a refund done; orders closed unpaid count for nothing.
    pub fn of(charged: bool, orders: impl IntoIterator<Item = OrderState>) -> FeeStatus {
        if !charged {
            return FeeStatus::NotRequired;
        }
        orders.into_iter().map(FeeStatus::from_order).max_by_key(|status| status.weight()).unwrap_or(FeeStatus::Due)
    }

    /// Paid: what a seat, an admission ticket and the on-site check's 已缴费 need.
    pub fn is_paid(self) -> bool {
        self == FeeStatus::Paid
    }

    fn from_order(state: OrderState) -> FeeStatus {
        match state {
            OrderState::Created => FeeStatus::Pending,
            OrderState::Paid => FeeStatus::Paid,
            OrderState::RefundPending => FeeStatus::Refunding,
            OrderState::Refunded => FeeStatus::Refunded,
            OrderState::Closed => FeeStatus::Due,
        }
    }

    /// Which of two orders' statuses speaks for the application.
    fn weight(self) -> u8 {
        match self {
            FeeStatus::NotRequired | FeeStatus::Due => 0,
            FeeStatus::Refunded => 1,
            FeeStatus::Pending => 2,
            FeeStatus::Refunding => 3,
            FeeStatus::Paid => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderState::*;

    #[test]
    fn an_exam_without_a_fee_needs_none_whatever_the_orders() {
        assert_eq!(FeeStatus::of(false, []), FeeStatus::NotRequired);
        assert_eq!(FeeStatus::of(false, [Paid]), FeeStatus::NotRequired);
    }

    #[test]
    fn no_order_or_only_closed_ones_leave_the_fee_due() {
        assert_eq!(FeeStatus::of(true, []), FeeStatus::Due);
        assert_eq!(FeeStatus::of(true, [Closed, Closed]), FeeStatus::Due);
    }

    #[test]
    fn a_paid_order_decides_whatever_came_before_or_after_it() {
        assert_eq!(FeeStatus::of(true, [Closed, Paid]), FeeStatus::Paid);
        assert_eq!(FeeStatus::of(true, [Paid, Closed]), FeeStatus::Paid, "a later order closed unpaid");
        assert_eq!(FeeStatus::of(true, [Refunded, Paid]), FeeStatus::Paid, "paid again after a refund");
        assert!(FeeStatus::of(true, [Paid]).is_paid());
    }

    #[test]
    fn a_refund_under_way_is_not_paid_and_a_new_order_after_a_refund_waits() {
        assert_eq!(FeeStatus::of(true, [RefundPending]), FeeStatus::Refunding);
        assert!(!FeeStatus::of(true, [RefundPending]).is_paid());
        assert_eq!(FeeStatus::of(true, [Refunded]), FeeStatus::Refunded);
        assert_eq!(FeeStatus::of(true, [Refunded, Created]), FeeStatus::Pending);
        assert_eq!(FeeStatus::of(true, [Closed, Created]), FeeStatus::Pending);
    }
}

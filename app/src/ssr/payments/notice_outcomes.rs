//! What a notification (or the bill's check) did, as `payment_notices.outcome` stores it, and
//! which outcomes wait for staff.

/// What a notification did, as stored in `payment_notices.outcome`.
pub const PAID: &str = "paid";
pub const REFUNDED: &str = "refunded";
/// A genuine notification about nothing to apply (not kept).
pub const NOTHING_TO_APPLY: &str = "nothing_to_apply";
pub const ALREADY_DONE: &str = "already_done";
pub const UNKNOWN_ORDER: &str = "unknown_order";
/// A refund the order's state does not allow (`StaffFlag::RefundUnmatched`).
pub const REFUND_UNMATCHED: &str = "refund_unmatched";
/// The gateway, asked, showed the order paid and then refunded: the order is refunded in Zige,
/// and staff check the amount (`StaffFlag::RefundedAtGateway`).
pub const REFUNDED_AT_GATEWAY: &str = "refunded_at_gateway";
/// Outcomes that wait for staff (`StaffFlag::code`'s, and the bill's differences).
pub const FOR_STAFF: [&str; 10] = [
    "amount_mismatch",
    "paid_after_close",
    "paid_twice",
    UNKNOWN_ORDER,
    REFUND_UNMATCHED,
    "partial_refund",
    "refund_failed",
    REFUNDED_AT_GATEWAY,
    NOT_IN_BILL,
    ONLY_IN_BILL,
];

/// Zige took the money (or gave it back) but the gateway's bill does not show it.
pub const NOT_IN_BILL: &str = "not_in_bill";
/// The bill shows money Zige holds no such order for.
pub const ONLY_IN_BILL: &str = "only_in_bill";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff_flag::StaffFlag;

    #[test]
    fn every_flag_the_domain_raises_waits_for_staff() {
        let flags = [
            StaffFlag::AmountMismatch { expected_fen: 1, paid_fen: 2 },
            StaffFlag::PaidAfterClose,
            StaffFlag::PaidTwice { first_txn: String::new() },
            StaffFlag::RefundUnmatched,
            StaffFlag::PartialRefund { order_fen: 1, refunded_fen: 2 },
            StaffFlag::RefundFailed,
            StaffFlag::RefundedAtGateway,
        ];
        for flag in flags {
            assert!(FOR_STAFF.contains(&flag.code()), "{} is not listed for staff", flag.code());
        }
    }
}

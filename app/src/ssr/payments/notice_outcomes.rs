//! What a notification (or the bill's check) did, as `payment_notices.outcome` stores it, and
//! which outcomes wait for staff.

/// What a notification did, as stored in `payment_notices.outcome`.
pub const PAID: &str = "paid";
pub const REFUNDED: &str = "refunded";
/// A genuine notification about nothing to apply (not kept).
pub const NOTHING_TO_APPLY: &str = "nothing_to_apply";
pub const ALREADY_DONE: &str = "already_done";
pub const UNKNOWN_ORDER: &str = "unknown_order";
/// A refund reported for an order Zige holds unpaid.
pub const REFUND_UNMATCHED: &str = "refund_unmatched";
/// Outcomes that wait for staff (with `StaffFlag::code`'s and the bill's differences).
pub const FOR_STAFF: [&str; 7] =
    ["amount_mismatch", "paid_after_close", "paid_twice", UNKNOWN_ORDER, REFUND_UNMATCHED, NOT_IN_BILL, ONLY_IN_BILL];

/// Zige took the money (or gave it back) but the provider's bill does not show it.
pub const NOT_IN_BILL: &str = "not_in_bill";
/// The bill shows money Zige holds no such order for.
pub const ONLY_IN_BILL: &str = "only_in_bill";

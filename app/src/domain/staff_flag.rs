//! Money that arrived where it should not (`payment_order::decide` says so): kept, and flagged for
//! staff to refund or settle by hand, each flag with its words in both languages.

use super::exam_fee::format_yuan;

/// Money that arrived where it should not: kept, flagged for staff to refund or settle by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffFlag {
    /// A payment of another amount than the order's.
    AmountMismatch { expected_fen: u64, paid_fen: u64 },
    /// A payment for an order already closed (the candidate paid in a tab left open).
    PaidAfterClose,
    /// A second payment, by another transaction, of an order already paid (or refunded).
    PaidTwice { first_txn: String },
    /// A refund the order's state does not allow: of an order Zige holds unpaid, or by another
    /// refund than the one Zige's refund is waiting for.
    RefundUnmatched,
    /// A refund of another amount than the order's: a partial refund is not the order refunded.
    PartialRefund { order_fen: u64, refunded_fen: u64 },
    /// A refund the gateway could not complete: the money is still the merchant's to return.
    RefundFailed,
    /// The gateway says the order was paid and then refunded, and not how much: the order is
    /// refunded in Zige, and staff check the amount at the merchant platform.
    RefundedAtGateway,
}

/// What staff are told of a notification flagged with `code` (a `StaffFlag::code`, or
/// `unknown_order`), in both languages.
pub fn flag_label(code: &str) -> (&'static str, &'static str) {
    match code {
        "amount_mismatch" => ("金额与订单不符", "Amount differs from the order's"),
        "paid_after_close" => ("订单关闭后付款，需退款", "Paid after the order was closed: refund it"),
        "paid_twice" => ("重复付款，需退款一笔", "Paid twice: refund one"),
        "unknown_order" => ("找不到对应订单", "No such order"),
        "refund_unmatched" => {
            ("支付机构报告的退款与订单状态不符", "The gateway reported a refund the order's state does not allow")
        }
        "partial_refund" => {
            ("退款金额与订单金额不符（部分退款），请核对", "A refund of another amount than the order's: check it")
        }
        "refund_failed" => (
            "退款未成功（异常或已关闭），请在商户平台处理",
            "The refund did not go through: settle it at the merchant platform",
        ),
        "refunded_at_gateway" => (
            "支付机构显示该订单已付款后退款，请在商户平台核对退款金额",
            "The gateway shows the order paid and then refunded: check the amount at the merchant platform",
        ),
        "not_in_bill" => ("对账单中没有这笔款项", "Not on the gateway's bill"),
        "only_in_bill" => ("对账单中有、系统中没有这笔款项", "On the gateway's bill but not in Zige"),
        _ => ("待处理", "To settle"),
    }
}

impl StaffFlag {
    pub fn code(&self) -> &'static str {
        match self {
            StaffFlag::AmountMismatch { .. } => "amount_mismatch",
            StaffFlag::PaidAfterClose => "paid_after_close",
            StaffFlag::PaidTwice { .. } => "paid_twice",
            StaffFlag::RefundUnmatched => "refund_unmatched",
            StaffFlag::PartialRefund { .. } => "partial_refund",
            StaffFlag::RefundFailed => "refund_failed",
            StaffFlag::RefundedAtGateway => "refunded_at_gateway",
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
            StaffFlag::PartialRefund { order_fen, refunded_fen } => (
                format!("退款 {} 与订单金额 {} 不符", format_yuan(*refunded_fen), format_yuan(*order_fen)),
                format!("Refunded {} of an order for {}", format_yuan(*refunded_fen), format_yuan(*order_fen)),
            ),
            StaffFlag::RefundUnmatched | StaffFlag::RefundFailed | StaffFlag::RefundedAtGateway => {
                let (zh, en) = flag_label(self.code());
                (zh.to_string(), en.to_string())
            }
        }
    }
}

//! Fees after approval (issue 13): orders whose amount comes from the exam, payment gateways
//! behind one trait (`infra::payment_gateway`), each gateway notification applied exactly once, on-site payments and refunds
//! recorded by staff (a refund the gateway takes its time over stays 退款中 until it reports
//! the result), and the daily reconciliation. No real gateway is reachable from here: the
//! sandbox gateway plays one (its cashier page and its signed, late, repeated notifications).
pub mod bill_check;
pub mod cashier_return;
pub mod flagged_payments;
pub mod gateway_failure;
pub mod gateway_orders;
pub mod notice_outcomes;
pub mod notices;
pub mod order_moves;
pub mod order_numbers;
pub mod order_view;
pub mod orders;
pub mod payment_records;
pub mod reconciliation;
pub mod sandbox_gateway;
pub mod staff_payments;

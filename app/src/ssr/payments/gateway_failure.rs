//! A gateway's failure as whoever asked is told of it (the candidate closing an order, staff
//! refunding one): its refusal in its own words, or that it cannot be reached just now.

use crate::error::AppError;
use crate::ssr::infra::payment_gateway::GatewayFailure;

/// A gateway that gave no answer Zige can act on, said to whoever asked.
pub fn unreachable(failure: GatewayFailure) -> AppError {
    match failure {
        GatewayFailure::Refused(reason) => AppError::payment_refused(
            format!("支付机构拒绝了该操作：{reason}"),
            format!("The payment gateway refused: {reason}"),
        ),
        GatewayFailure::Unreachable(reason) => {
            tracing::warn!(reason, "payment gateway unreachable");
            AppError::payment_refused(
                "暂时无法联系支付机构，请稍后再试",
                "The payment gateway cannot be reached just now; try again in a while",
            )
        }
    }
}

//! Alipay's OpenAPI (the `gateway.do` protocol, RSA2): `AlipayGateway` is the `PaymentGateway`,
//! built from an `AlipayAccount`. The signatures' content is `sign_content` (requests and
//! notifications) and `response_content` (answers, cut out of the body as they arrived); amounts
//! and times as Alipay writes them are `wire_values`.

pub mod alipay_account;
pub mod alipay_gateway;
mod gateway_call;
pub mod response_content;
pub mod sign_content;
mod trade_bill;
mod trade_notification;

pub use alipay_account::{AlipayAccount, PRODUCTION_GATEWAY};
pub use alipay_gateway::{AlipayGateway, ALIPAY_CODE};

//! The payment gateways an authority signs a merchant contract with, each spoken to in its
//! published protocol: WeChat Pay (API v3) and Alipay (OpenAPI, RSA2). Each is a
//! `PaymentGateway` (`app::ssr::infra::payment_gateway`); `payment_settings` builds the ones the
//! configuration asks for. The keys they sign and verify with are `rsa_keys`.

pub mod alipay;
pub mod beijing_time;
pub mod payment_settings;
pub mod rsa_keys;
pub mod wechatpay;

//! WeChat Pay, API v3: Native (a code to scan, on a computer) and H5 (the phone browser's cashier).
//! Requests signed `WECHATPAY2-SHA256-RSA2048` with the merchant's key; answers and notifications
//! verified with the platform's key; notifications' resources decrypted with the API v3 key.

pub mod answer_signature;
pub mod api_client;
pub mod encrypted_resource;
pub mod notification;
pub mod request_signature;
pub mod trade_bill;
pub mod wechatpay_account;
pub mod wechatpay_gateway;

pub use wechatpay_gateway::WechatPayGateway;

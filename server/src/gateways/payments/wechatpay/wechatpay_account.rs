//! What the installation's WeChat Pay merchant contract gives it, from the configuration
//! (`payment_settings`): the merchant number and the app it sells through, the merchant's API
//! key and its certificate's serial, the API v3 key, and the platform's keys that sign what
//! WeChat Pay sends (its public key, its certificates, or both while a merchant moves from one to
//! the other). None of it is ever written to a log.

use super::answer_signature::PlatformKeys;
use super::encrypted_resource::ApiV3Key;
use crate::gateways::payments::rsa_keys::MerchantKey;

/// WeChat Pay's API address (tests point it at a stand-in).
pub const API_ADDRESS: &str = "https://api.mch.weixin.qq.com";

#[derive(Debug)]
pub struct WechatPayAccount {
    pub endpoint: reqwest::Url,
    /// 商户号.
    pub merchant_id: String,
    /// The appid bound to the merchant (公众号, 小程序 or 网站应用).
    pub app_id: String,
    pub merchant_key: MerchantKey,
    /// The serial of the merchant's API certificate (证书序列号), named in each request.
    pub certificate_serial: String,
    pub api_v3_key: ApiV3Key,
    pub platform: PlatformKeys,
    /// Where WeChat Pay posts refund results (payment results go where each order says).
    pub notify_url: String,
}

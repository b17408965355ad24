//! The payment providers an installation configured (`ZIGE_WECHATPAY_*`, `ZIGE_ALIPAY_*`), built
//! once at start. A missing setting, or a key file that cannot be read, stops the server with the
//! setting's name (never the file's content): better than a first candidate who cannot pay.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use app::ssr::infra::payment_gateway::PaymentGateway;

use super::alipay::alipay_account::AlipayAccount;
use super::alipay::alipay_gateway::{AlipayGateway, ALIPAY_CODE};
use super::rsa_keys::{MerchantKey, ProviderKey};
use super::wechatpay::answer_signature::PlatformKey;
use super::wechatpay::encrypted_resource::ApiV3Key;
use super::wechatpay::wechatpay_account::{WechatPayAccount, API_ADDRESS};
use super::wechatpay::WechatPayGateway;
use crate::config::Config;

/// Every provider the configuration names, in the order candidates see them.
pub fn gateways(config: &Config) -> Result<Vec<Arc<dyn PaymentGateway>>, String> {
    let mut gateways: Vec<Arc<dyn PaymentGateway>> = Vec::new();
    if let Some(merchant_id) = present(&config.wechatpay_merchant_id) {
        gateways.push(Arc::new(WechatPayGateway::new(wechatpay_account(config, merchant_id)?)));
    }
    if let Some(app_id) = present(&config.alipay_app_id) {
        gateways.push(Arc::new(AlipayGateway::new(alipay_account(config, app_id)?)));
    }
    Ok(gateways)
}

fn alipay_account(config: &Config, app_id: String) -> Result<AlipayAccount, String> {
    let key_file = file(&config.alipay_app_key_file, "ZIGE_ALIPAY_APP_KEY_FILE")?;
    let public_file = file(&config.alipay_public_key_file, "ZIGE_ALIPAY_PUBLIC_KEY_FILE")?;
    // Its notifications and returns need the public address, as every order names them.
    notify_url(config, ALIPAY_CODE, "Alipay")?;
    let mut account = AlipayAccount::new(
        app_id,
        read(&key_file, "ZIGE_ALIPAY_APP_KEY_FILE", MerchantKey::parse)?,
        read(&public_file, "ZIGE_ALIPAY_PUBLIC_KEY_FILE", ProviderKey::parse)?,
    );
    if let Some(endpoint) = present(&config.alipay_endpoint) {
        reqwest::Url::parse(&endpoint).map_err(|e| format!("ZIGE_ALIPAY_ENDPOINT ({endpoint}): {e}"))?;
        account = account.at_gateway(endpoint);
    }
    if let Some(seller_id) = present(&config.alipay_seller_id) {
        account = account.for_seller(seller_id);
    }
    Ok(account)
}

fn wechatpay_account(config: &Config, merchant_id: String) -> Result<WechatPayAccount, String> {
    let endpoint_text = config.wechatpay_endpoint.as_deref().unwrap_or(API_ADDRESS);
    let endpoint =
        reqwest::Url::parse(endpoint_text).map_err(|e| format!("ZIGE_WECHATPAY_ENDPOINT ({endpoint_text}): {e}"))?;
    let key_file = file(&config.wechatpay_merchant_key_file, "ZIGE_WECHATPAY_MERCHANT_KEY_FILE")?;
    let v3_file = file(&config.wechatpay_api_v3_key_file, "ZIGE_WECHATPAY_API_V3_KEY_FILE")?;
    let platform_file = file(&config.wechatpay_platform_key_file, "ZIGE_WECHATPAY_PLATFORM_KEY_FILE")?;
    Ok(WechatPayAccount {
        endpoint,
        merchant_id,
        app_id: required(&config.wechatpay_app_id, "ZIGE_WECHATPAY_APP_ID")?,
        merchant_key: read(&key_file, "ZIGE_WECHATPAY_MERCHANT_KEY_FILE", MerchantKey::parse)?,
        certificate_serial: required(&config.wechatpay_certificate_serial, "ZIGE_WECHATPAY_CERTIFICATE_SERIAL")?,
        api_v3_key: read(&v3_file, "ZIGE_WECHATPAY_API_V3_KEY_FILE", ApiV3Key::parse)?,
        platform: PlatformKey {
            id: required(&config.wechatpay_platform_key_id, "ZIGE_WECHATPAY_PLATFORM_KEY_ID")?,
            key: read(&platform_file, "ZIGE_WECHATPAY_PLATFORM_KEY_FILE", ProviderKey::parse)?,
        },
        notify_url: notify_url(config, super::wechatpay::wechatpay_gateway::CODE, "WeChat Pay")?,
    })
}

/// Where the provider posts its notifications: the installation's public address, which a
/// provider's servers must reach.
pub fn notify_url(config: &Config, code: &str, provider: &str) -> Result<String, String> {
    let public = present(&config.public_url)
        .ok_or_else(|| format!("ZIGE_PUBLIC_URL is required with {provider}: its notifications are posted there"))?;
    Ok(format!("{}/api/payments/notify/{code}", public.trim_end_matches('/')))
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

pub fn required(value: &Option<String>, setting: &str) -> Result<String, String> {
    present(value).ok_or_else(|| format!("{setting} is required by the configured payment provider"))
}

pub fn file(value: &Option<PathBuf>, setting: &str) -> Result<PathBuf, String> {
    value.clone().ok_or_else(|| format!("{setting} is required by the configured payment provider"))
}

/// Reads and parses a key file; the message names the setting and the file, never the content.
pub fn read<T>(path: &Path, setting: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{setting} ({}): {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{setting} ({}): {e}", path.display()))
}

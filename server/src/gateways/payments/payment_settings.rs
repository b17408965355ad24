//! The payment gateways an installation configured (`ZIGE_WECHATPAY_*`, `ZIGE_ALIPAY_*`), built
//! once at start. A missing setting, or a key file that cannot be read, stops the server with the
//! setting's name (never the file's content): better than a first candidate who cannot pay.
//! Private key files are narrowed to their owner as they are read (`secret_file::narrow`), and a
//! gateway is reached over https only, unless the installation says it is a test one (whose
//! stand-ins answer on plain http).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use app::ssr::infra::payment_gateway::PaymentGateway;

use super::alipay::alipay_account::AlipayAccount;
use super::alipay::alipay_gateway::{AlipayGateway, ALIPAY_CODE};
use super::rsa_keys::{GatewayKey, MerchantKey};
use super::wechatpay::answer_signature::{PlatformKey, PlatformKeys};
use super::wechatpay::encrypted_resource::ApiV3Key;
use super::wechatpay::wechatpay_account::{WechatPayAccount, API_ADDRESS};
use super::wechatpay::WechatPayGateway;
use crate::config::Config;

/// Every gateway the configuration names, in the order candidates see them.
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
    // A notification is believed only for this merchant: an app may be shared by several.
    let seller_id = required(&config.alipay_seller_id, "ZIGE_ALIPAY_SELLER_ID")?;
    let mut account = AlipayAccount::new(
        app_id,
        seller_id,
        read_secret(&key_file, "ZIGE_ALIPAY_APP_KEY_FILE", MerchantKey::parse)?,
        read(&public_file, "ZIGE_ALIPAY_PUBLIC_KEY_FILE", GatewayKey::parse)?,
    );
    if let Some(endpoint) = present(&config.alipay_endpoint) {
        gateway_address(config, &endpoint, "ZIGE_ALIPAY_ENDPOINT")?;
        account = account.at_gateway(endpoint);
    }
    Ok(account)
}

fn wechatpay_account(config: &Config, merchant_id: String) -> Result<WechatPayAccount, String> {
    let endpoint_text = config.wechatpay_endpoint.as_deref().unwrap_or(API_ADDRESS);
    let endpoint = gateway_address(config, endpoint_text, "ZIGE_WECHATPAY_ENDPOINT")?;
    let key_file = file(&config.wechatpay_merchant_key_file, "ZIGE_WECHATPAY_MERCHANT_KEY_FILE")?;
    let v3_file = file(&config.wechatpay_api_v3_key_file, "ZIGE_WECHATPAY_API_V3_KEY_FILE")?;
    Ok(WechatPayAccount {
        endpoint,
        merchant_id,
        app_id: required(&config.wechatpay_app_id, "ZIGE_WECHATPAY_APP_ID")?,
        merchant_key: read_secret(&key_file, "ZIGE_WECHATPAY_MERCHANT_KEY_FILE", MerchantKey::parse)?,
        certificate_serial: required(&config.wechatpay_certificate_serial, "ZIGE_WECHATPAY_CERTIFICATE_SERIAL")?,
        api_v3_key: read_secret(&v3_file, "ZIGE_WECHATPAY_API_V3_KEY_FILE", ApiV3Key::parse)?,
        platform: platform_keys(config)?,
        notify_url: notify_url(config, super::wechatpay::wechatpay_gateway::CODE, "WeChat Pay")?,
    })
}

/// WeChat Pay's platform keys: `ZIGE_WECHATPAY_PLATFORM_KEY_FILE` and `…_KEY_ID` each name one,
/// or several separated by commas, paired in order (the platform public key and the certificates
/// a merchant still receives signatures from while it moves to it, or a certificate and its
/// renewal): `pub_key.pem,wechatpay_cert.pem` with `PUB_KEY_ID_0112…,5157F09EFDC096DE15EBE81A47057A72…`.
fn platform_keys(config: &Config) -> Result<PlatformKeys, String> {
    let files = file(&config.wechatpay_platform_key_file, "ZIGE_WECHATPAY_PLATFORM_KEY_FILE")?;
    let ids = required(&config.wechatpay_platform_key_id, "ZIGE_WECHATPAY_PLATFORM_KEY_ID")?;
    let files: Vec<PathBuf> = list(&files.to_string_lossy()).map(PathBuf::from).collect();
    let ids: Vec<String> = list(&ids).map(str::to_string).collect();
    if files.len() != ids.len() {
        return Err(format!(
            "ZIGE_WECHATPAY_PLATFORM_KEY_FILE names {} files and ZIGE_WECHATPAY_PLATFORM_KEY_ID {} ids: they pair in order",
            files.len(),
            ids.len()
        ));
    }
    let keys = files
        .iter()
        .zip(ids)
        .map(|(path, id)| {
            Ok(PlatformKey { id, key: read(path, "ZIGE_WECHATPAY_PLATFORM_KEY_FILE", GatewayKey::parse)? })
        })
        .collect::<Result<Vec<_>, String>>()?;
    PlatformKeys::new(keys).map_err(|e| format!("ZIGE_WECHATPAY_PLATFORM_KEY_ID: {e}"))
}

fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|item| !item.is_empty())
}

/// A gateway's address: https, unless this is a test installation (its stand-ins speak http).
fn gateway_address(config: &Config, address: &str, setting: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(address).map_err(|e| format!("{setting} ({address}): {e}"))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if config.test_installation => Ok(url),
        _ => Err(format!(
            "{setting} ({address}) must be an https address: requests and answers about money travel on it \
             (plain http only with ZIGE_TEST_INSTALLATION=true)"
        )),
    }
}

/// Where the gateway posts its notifications: the installation's public address, which a
/// gateway's servers must reach.
pub fn notify_url(config: &Config, code: &str, gateway: &str) -> Result<String, String> {
    let public = present(&config.public_url)
        .ok_or_else(|| format!("ZIGE_PUBLIC_URL is required with {gateway}: its notifications are posted there"))?;
    Ok(format!("{}/api/payments/notify/{code}", public.trim_end_matches('/')))
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

pub fn required(value: &Option<String>, setting: &str) -> Result<String, String> {
    present(value).ok_or_else(|| format!("{setting} is required by the configured payment gateway"))
}

pub fn file(value: &Option<PathBuf>, setting: &str) -> Result<PathBuf, String> {
    value.clone().ok_or_else(|| format!("{setting} is required by the configured payment gateway"))
}

/// Reads a file holding a secret (a private key, the API v3 key), first narrowing it to its owner:
/// another local user who could read it could sign requests as the merchant.
pub fn read_secret<T>(path: &Path, setting: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T, String> {
    crate::config::secret_file::narrow(path);
    read(path, setting, parse)
}

/// Reads and parses a key file; the message names the setting and the file, never the content.
pub fn read<T>(path: &Path, setting: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{setting} ({}): {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{setting} ({}): {e}", path.display()))
}

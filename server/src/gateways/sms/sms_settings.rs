//! The SMS gateway an installation configured (`ZIGE_SMS_*`), built once at start. A missing
//! setting, or a secret file that cannot be read, stops the server with the setting's name:
//! better than a first candidate whose recovery code never comes.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use app::ssr::messaging::text_template::TextTemplate;

use super::aliyun_sms::{self, AliyunSms};
use super::gateway_account::{GatewayAccount, SecretText, TemplateIds};
use super::tencent_sms::{self, TencentSms};
use super::{LoggingSms, SmsGateway};
use crate::config::Config;

pub fn gateway(config: &Config) -> Result<Arc<dyn SmsGateway>, String> {
    match config.sms_gateway.trim() {
        "log" => {
            LoggingSms::announce();
            Ok(Arc::new(LoggingSms))
        }
        "aliyun" => Ok(Arc::new(AliyunSms::new(account(config, aliyun_sms::PUBLIC_ENDPOINT)?))),
        "tencent" => {
            let app_id = required(&config.sms_app_id, "ZIGE_SMS_APP_ID")?;
            let account = account(config, tencent_sms::PUBLIC_ENDPOINT)?;
            Ok(Arc::new(TencentSms::new(account, app_id, config.sms_region.trim().to_string())))
        }
        other => Err(format!("ZIGE_SMS_GATEWAY={other}: the gateways are aliyun, tencent and log (the demo's)")),
    }
}

fn account(config: &Config, public_endpoint: &str) -> Result<GatewayAccount, String> {
    let endpoint_text = config.sms_endpoint.as_deref().unwrap_or(public_endpoint);
    let endpoint =
        reqwest::Url::parse(endpoint_text).map_err(|e| format!("ZIGE_SMS_ENDPOINT ({endpoint_text}): {e}"))?;
    let secret_file = config.sms_access_key_secret_file.as_deref().ok_or_else(|| {
        format!("ZIGE_SMS_ACCESS_KEY_SECRET_FILE is required with ZIGE_SMS_GATEWAY={}", config.sms_gateway)
    })?;
    let mut templates = HashMap::new();
    for (template, value, setting) in [
        (TextTemplate::RecoveryCode, &config.sms_template_recovery_code, "ZIGE_SMS_TEMPLATE_RECOVERY_CODE"),
        (TextTemplate::ReviewReturned, &config.sms_template_review_returned, "ZIGE_SMS_TEMPLATE_REVIEW_RETURNED"),
        (TextTemplate::ResultPublished, &config.sms_template_result_published, "ZIGE_SMS_TEMPLATE_RESULT_PUBLISHED"),
    ] {
        templates.insert(template, required(value, setting)?);
    }
    if let Some(listed_notice) = config.sms_template_listed_notice.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        templates.insert(TextTemplate::ListedNotice, listed_notice.to_string());
    }
    if let Some(sign_up_code) = config.sign_up_code_template() {
        templates.insert(TextTemplate::SignUpCode, sign_up_code.to_string());
    }
    Ok(GatewayAccount {
        endpoint,
        key_id: required(&config.sms_access_key_id, "ZIGE_SMS_ACCESS_KEY_ID")?,
        secret: read_secret(secret_file, "ZIGE_SMS_ACCESS_KEY_SECRET_FILE")?,
        sign_name: required(&config.sms_sign_name, "ZIGE_SMS_SIGN_NAME")?,
        templates: TemplateIds::new(templates),
    })
}

fn required(value: &Option<String>, setting: &str) -> Result<String, String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or_else(|| format!("{setting} is required by the configured SMS gateway"))
}

/// The file's first line; the message names the setting and the file, never the content.
pub fn read_secret(path: &Path, setting: &str) -> Result<SecretText, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{setting} ({}): {e}", path.display()))?;
    let secret = text.lines().next().unwrap_or_default().trim().to_string();
    if secret.is_empty() {
        return Err(format!("{setting} ({}): the file is empty", path.display()));
    }
    Ok(SecretText::new(secret))
}

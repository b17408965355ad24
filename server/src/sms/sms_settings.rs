//! The SMS provider an installation configured (`ZIGE_SMS_*`), built once at start. A missing
//! setting, or a secret file that cannot be read, stops the server with the setting's name:
//! better than a first candidate whose recovery code never comes.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use app::ssr::messaging::text_template::TextTemplate;

use super::aliyun_sms::{self, AliyunSms};
use super::tencent_sms::{self, TencentSms};
use super::{LoggingSms, SendFailure, SmsProvider};
use crate::config::Config;

/// A key that never reaches a log line, even through `{:?}`.
#[derive(Clone)]
pub struct SecretText(String);

impl SecretText {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretText(…)")
    }
}

/// The approved template of each text.
#[derive(Clone, Debug)]
pub struct TemplateIds(HashMap<TextTemplate, String>);

impl TemplateIds {
    pub fn id_of(&self, template: TextTemplate) -> Result<&str, SendFailure> {
        self.0
            .get(&template)
            .map(String::as_str)
            .ok_or_else(|| SendFailure::Permanent(format!("no template configured for {}", template.as_str())))
    }
}

/// What both providers need: where, who, the sign and the templates.
#[derive(Clone, Debug)]
pub struct ProviderAccount {
    pub endpoint: reqwest::Url,
    pub key_id: String,
    pub secret: SecretText,
    pub sign_name: String,
    pub templates: TemplateIds,
}

pub fn provider(config: &Config) -> Result<Arc<dyn SmsProvider>, String> {
    match config.sms_provider.trim() {
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
        other => Err(format!("ZIGE_SMS_PROVIDER={other}: the providers are aliyun, tencent and log (the demo's)")),
    }
}

fn account(config: &Config, public_endpoint: &str) -> Result<ProviderAccount, String> {
    let endpoint_text = config.sms_endpoint.as_deref().unwrap_or(public_endpoint);
    let endpoint =
        reqwest::Url::parse(endpoint_text).map_err(|e| format!("ZIGE_SMS_ENDPOINT ({endpoint_text}): {e}"))?;
    let secret_file = config.sms_access_key_secret_file.as_deref().ok_or_else(|| {
        format!("ZIGE_SMS_ACCESS_KEY_SECRET_FILE is required with ZIGE_SMS_PROVIDER={}", config.sms_provider)
    })?;
    let mut templates = HashMap::new();
    for (template, value, setting) in [
        (TextTemplate::RecoveryCode, &config.sms_template_recovery_code, "ZIGE_SMS_TEMPLATE_RECOVERY_CODE"),
        (TextTemplate::ReviewReturned, &config.sms_template_review_returned, "ZIGE_SMS_TEMPLATE_REVIEW_RETURNED"),
        (TextTemplate::ResultPublished, &config.sms_template_result_published, "ZIGE_SMS_TEMPLATE_RESULT_PUBLISHED"),
    ] {
        templates.insert(template, required(value, setting)?);
    }
    Ok(ProviderAccount {
        endpoint,
        key_id: required(&config.sms_access_key_id, "ZIGE_SMS_ACCESS_KEY_ID")?,
        secret: read_secret(secret_file, "ZIGE_SMS_ACCESS_KEY_SECRET_FILE")?,
        sign_name: required(&config.sms_sign_name, "ZIGE_SMS_SIGN_NAME")?,
        templates: TemplateIds(templates),
    })
}

fn required(value: &Option<String>, setting: &str) -> Result<String, String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or_else(|| format!("{setting} is required by the configured SMS provider"))
}

/// The file's first line; the message names the setting and the file, never the content.
pub fn read_secret(path: &Path, setting: &str) -> Result<SecretText, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{setting} ({}): {e}", path.display()))?;
    let secret = text.lines().next().unwrap_or_default().trim().to_string();
    if secret.is_empty() {
        return Err(format!("{setting} ({}): the file is empty", path.display()));
    }
    Ok(SecretText(secret))
}

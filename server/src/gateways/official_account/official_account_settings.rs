//! The 公众号 an installation configured (`ZIGE_OFFICIAL_ACCOUNT_*`), read once at start. A
//! missing setting, or a secret file that cannot be read, stops the server with the setting's
//! name: better than candidates who bound their WeChat and never hear from it.

use std::collections::HashMap;

use app::ssr::messaging::text_template::TextTemplate;

use crate::config::Config;
use crate::gateways::sms::gateway_account::SecretText;
use crate::gateways::sms::sms_settings::read_secret;

pub const PUBLIC_API: &str = "https://api.weixin.qq.com";
pub const PUBLIC_AUTHORIZE_URL: &str = "https://open.weixin.qq.com/connect/oauth2/authorize";
/// Where the web authorisation sends the candidate back (its domain is the one the 公众号
/// registered as its 网页授权域名).
pub const CALLBACK_PATH: &str = "/auth/official-account/callback";

/// Which key of a template carries what (`exam=thing1,event=thing2,time=time3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateKeys {
    pub exam: String,
    pub event: String,
    pub time: String,
}

#[derive(Clone, Debug)]
pub struct OfficialAccountSettings {
    pub app_id: String,
    pub secret: SecretText,
    pub api: reqwest::Url,
    pub authorize_url: reqwest::Url,
    /// `<public_url>/auth/official-account/callback`.
    pub callback_url: String,
    /// The site's address, which a message's page is joined to.
    pub public_address: String,
    pub templates: HashMap<TextTemplate, String>,
    pub keys: TemplateKeys,
}

impl OfficialAccountSettings {
    /// None where no 公众号 is configured.
    pub fn from_config(config: &Config) -> Result<Option<OfficialAccountSettings>, String> {
        let Some(app_id) = filled(&config.official_account_app_id) else { return Ok(None) };
        let secret_file = config
            .official_account_secret_file
            .as_deref()
            .ok_or("ZIGE_OFFICIAL_ACCOUNT_SECRET_FILE is required with ZIGE_OFFICIAL_ACCOUNT_APP_ID")?;
        let public_address = config.public_address();
        if public_address.is_empty() {
            return Err("ZIGE_PUBLIC_URL is required with ZIGE_OFFICIAL_ACCOUNT_APP_ID: the web authorisation \
                        sends candidates back there, and messages link to it"
                .into());
        }
        let address = |value: &Option<String>, public: &str, setting: &str| {
            let text = filled(value).unwrap_or_else(|| public.to_string());
            reqwest::Url::parse(&text).map_err(|e| format!("{setting} ({text}): {e}"))
        };
        let mut templates = HashMap::new();
        for (template, value, setting) in [
            (
                TextTemplate::ReviewReturned,
                &config.official_account_template_review_returned,
                "ZIGE_OFFICIAL_ACCOUNT_TEMPLATE_REVIEW_RETURNED",
            ),
            (
                TextTemplate::ResultPublished,
                &config.official_account_template_result_published,
                "ZIGE_OFFICIAL_ACCOUNT_TEMPLATE_RESULT_PUBLISHED",
            ),
        ] {
            let id = filled(value).ok_or_else(|| format!("{setting} is required with ZIGE_OFFICIAL_ACCOUNT_APP_ID"))?;
            templates.insert(template, id);
        }
        Ok(Some(OfficialAccountSettings {
            app_id,
            secret: read_secret(secret_file, "ZIGE_OFFICIAL_ACCOUNT_SECRET_FILE")?,
            api: address(&config.official_account_api, PUBLIC_API, "ZIGE_OFFICIAL_ACCOUNT_API")?,
            authorize_url: address(
                &config.official_account_authorize_url,
                PUBLIC_AUTHORIZE_URL,
                "ZIGE_OFFICIAL_ACCOUNT_AUTHORIZE_URL",
            )?,
            callback_url: format!("{public_address}{CALLBACK_PATH}"),
            public_address,
            templates,
            keys: template_keys(&config.official_account_template_keys)?,
        }))
    }

    /// An address of WeChat's API, under the configured one.
    pub fn api_url(&self, path: &str) -> reqwest::Url {
        let mut url = self.api.clone();
        url.set_path(&format!("{}{path}", self.api.path().trim_end_matches('/')));
        url
    }
}

fn filled(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

/// `exam=thing1,event=thing2,time=time3`: each of the three named once, with a key.
pub fn template_keys(text: &str) -> Result<TemplateKeys, String> {
    let setting = "ZIGE_OFFICIAL_ACCOUNT_TEMPLATE_KEYS";
    let mut found: HashMap<&str, String> = HashMap::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, key)) = pair.split_once('=') else {
            return Err(format!("{setting}: \"{pair}\" is not name=key"));
        };
        let (name, key) = (name.trim(), key.trim());
        if !["exam", "event", "time"].contains(&name) || key.is_empty() {
            return Err(format!("{setting}: \"{pair}\": the names are exam, event and time, each with a key"));
        }
        if found.insert(name, key.to_string()).is_some() {
            return Err(format!("{setting}: {name} is named twice"));
        }
    }
    let mut take = |name: &str| found.remove(name).ok_or_else(|| format!("{setting}: {name} has no key"));
    Ok(TemplateKeys { exam: take("exam")?, event: take("event")?, time: take("time")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_keys_are_read_and_a_missing_or_doubled_name_is_said() {
        let keys = template_keys("exam=thing1, event=phrase2 ,time=time3").unwrap();
        assert_eq!(keys.event, "phrase2");
        assert!(template_keys("exam=thing1,event=thing2").unwrap_err().contains("time has no key"));
        assert!(template_keys("exam=a,exam=b,event=c,time=d").unwrap_err().contains("exam is named twice"));
        assert!(template_keys("place=thing1").unwrap_err().contains("the names are exam, event and time"));
    }
}

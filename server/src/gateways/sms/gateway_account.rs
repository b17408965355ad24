//! What both SMS gateways' adapters need of the installation's account with them: where to
//! send, the key (never logged), the approved sign and the templates' ids. Built from the
//! configuration by `sms_settings`.

use std::collections::HashMap;

use app::ssr::messaging::text_template::TextTemplate;

use super::SendFailure;

/// A key that never reaches a log line, even through `{:?}`.
#[derive(Clone)]
pub struct SecretText(String);

impl SecretText {
    pub fn new(secret: String) -> Self {
        Self(secret)
    }

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
    pub fn new(ids: HashMap<TextTemplate, String>) -> Self {
        Self(ids)
    }

    pub fn id_of(&self, template: TextTemplate) -> Result<&str, SendFailure> {
        self.0
            .get(&template)
            .map(String::as_str)
            .ok_or_else(|| SendFailure::Permanent(format!("no template configured for {}", template.as_str())))
    }
}

/// What both gateways need: where, who, the sign and the templates.
#[derive(Clone, Debug)]
pub struct GatewayAccount {
    pub endpoint: reqwest::Url,
    pub key_id: String,
    pub secret: SecretText,
    pub sign_name: String,
    pub templates: TemplateIds,
}

impl GatewayAccount {
    /// The `host` header as the request carries it (and signs it): the port only when it is not
    /// the scheme's own, as reqwest writes it.
    pub fn host(&self) -> String {
        let host = self.endpoint.host_str().unwrap_or_default();
        match self.endpoint.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }
}

//! The identity provider an installation configured (`ZIGE_OIDC_*`), read once at start. A
//! missing setting or an unreadable secret file stops the server with the setting's name.

use crate::config::Config;
use crate::gateways::sms::gateway_account::SecretText;
use crate::gateways::sms::sms_settings::read_secret;

#[derive(Clone, Debug)]
pub struct ProviderSettings {
    /// Exactly as the provider's discovery document says it (no trailing slash added or taken).
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretText,
    /// Where the provider sends the browser back: the public address's `/auth/oidc/callback`.
    pub redirect_url: String,
    /// Where the provider sends the browser after signing out there: the public address's
    /// `/login` (registered with it as a `post_logout_redirect_uri`).
    pub signed_out_url: String,
    /// Asked for besides `openid`.
    pub scopes: Vec<String>,
    /// The claims that carry the ID number, the name, the mobile number and the registrations.
    pub claim_id_number: String,
    pub claim_name: String,
    pub claim_mobile: String,
    pub claim_registrations: String,
}

/// The path the provider sends the browser back to.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

impl ProviderSettings {
    /// None where no provider is configured (only Zige's own accounts).
    pub fn from_config(config: &Config) -> Result<Option<ProviderSettings>, String> {
        let Some(issuer) = config.oidc_issuer.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let client_id = config
            .oidc_client_id
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or("ZIGE_OIDC_CLIENT_ID is required with ZIGE_OIDC_ISSUER")?;
        let secret_file = config
            .oidc_client_secret_file
            .as_deref()
            .ok_or("ZIGE_OIDC_CLIENT_SECRET_FILE is required with ZIGE_OIDC_ISSUER")?;
        let public = config.public_address();
        if public.is_empty() {
            return Err(
                "ZIGE_PUBLIC_URL is required with ZIGE_OIDC_ISSUER: the provider sends people back there".into()
            );
        }
        let claim = |value: &str, setting: &str| {
            let value = value.trim();
            if value.is_empty() {
                Err(format!("{setting} may not be empty"))
            } else {
                Ok(value.to_string())
            }
        };
        Ok(Some(ProviderSettings {
            issuer: issuer.to_string(),
            client_id: client_id.to_string(),
            client_secret: read_secret(secret_file, "ZIGE_OIDC_CLIENT_SECRET_FILE")?,
            redirect_url: format!("{public}{CALLBACK_PATH}"),
            signed_out_url: format!("{public}/login"),
            scopes: config.oidc_scopes.split_whitespace().filter(|s| *s != "openid").map(str::to_string).collect(),
            claim_id_number: claim(&config.oidc_claim_id_number, "ZIGE_OIDC_CLAIM_ID_NUMBER")?,
            claim_name: claim(&config.oidc_claim_name, "ZIGE_OIDC_CLAIM_NAME")?,
            claim_mobile: claim(&config.oidc_claim_mobile, "ZIGE_OIDC_CLAIM_MOBILE")?,
            claim_registrations: claim(&config.oidc_claim_registrations, "ZIGE_OIDC_CLAIM_REGISTRATIONS")?,
        }))
    }
}

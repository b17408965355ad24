//! Signing out at the provider (OpenID Connect RP-Initiated Logout 1.0): after Zige's own session
//! ends, the person may go on to the provider's `end_session_endpoint` and come back to Zige's
//! log-in page (the address registered with the provider as its `post_logout_redirect_uri`).
//!
//! The address names the client alone, never the ID token as `id_token_hint`: a link lands in the
//! address bar and the browser's history, and the ID token carries the person's ID number, name
//! and mobile, for the next person at a shared computer to read. Without the hint the provider
//! finds the session by its own cookie and asks the person itself, as the specification allows.

use openidconnect::{ClientId, LogoutRequest, PostLogoutRedirectUrl};

use super::provider_client::ProviderSignIn;
use super::sign_in_trouble::SignInTrouble;

impl ProviderSignIn {
    /// The provider's sign-out address, or None where the provider publishes no
    /// `end_session_endpoint` (the person signs out there themselves).
    pub async fn sign_out_address(&self) -> Result<Option<String>, SignInTrouble> {
        let metadata = self.metadata().await?;
        let Some(endpoint) = metadata.additional_metadata().end_session_endpoint.clone() else {
            return Ok(None);
        };
        let back = PostLogoutRedirectUrl::new(self.settings.signed_out_url.clone())
            .map_err(|e| SignInTrouble::Unreachable(format!("sign-out return address: {e}")))?;
        let request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()))
            .set_post_logout_redirect_uri(back);
        Ok(Some(request.http_get_url().to_string()))
    }
}

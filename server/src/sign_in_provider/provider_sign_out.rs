//! Signing out at the provider (OpenID Connect RP-Initiated Logout 1.0): after Zige's own session
//! ends, the person may go on to the provider's `end_session_endpoint`, with the ID token of their
//! sign-in as the hint of whom to sign out, and come back to Zige's log-in page (the address
//! registered with the provider as its `post_logout_redirect_uri`). The provider asks them itself.

use openidconnect::{ClientId, LogoutRequest, PostLogoutRedirectUrl};

use super::provider_client::ProviderSignIn;
use super::relying_party::HintToken;
use super::sign_in_trouble::SignInTrouble;

impl ProviderSignIn {
    /// The provider's sign-out address for this person, or None where the provider publishes no
    /// `end_session_endpoint` (the person signs out there themselves). Without a hint (it was
    /// used, or the session that held it is gone) the provider is told the client instead.
    pub async fn sign_out_address(&self, id_token_hint: Option<&str>) -> Result<Option<String>, SignInTrouble> {
        let metadata = self.metadata().await?;
        let Some(endpoint) = metadata.additional_metadata().end_session_endpoint.clone() else {
            return Ok(None);
        };
        let back = PostLogoutRedirectUrl::new(self.settings.signed_out_url.clone())
            .map_err(|e| SignInTrouble::Unreachable(format!("sign-out return address: {e}")))?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()))
            .set_post_logout_redirect_uri(back);
        if let Some(token) = id_token_hint.and_then(|text| text.parse::<HintToken>().ok()) {
            request = request.set_id_token_hint(&token);
        }
        Ok(Some(request.http_get_url().to_string()))
    }
}

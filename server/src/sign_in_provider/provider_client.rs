//! The relying party's two halves: `begin` sends the browser to the provider with PKCE, `state`
//! and `nonce` (kept in Zige's session, never in the browser); `finish` takes the code back,
//! exchanges it with the code verifier, and checks the ID token (signature by the provider's
//! published keys, issuer, audience, expiry, nonce). The provider's metadata is discovered on
//! first use and kept; a token signed by a key not yet known fetches the keys again (rotation),
//! with `KEY_REFRESH_GAP` between two such fetches. Signing out at the provider is
//! `provider_sign_out`'s.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use openidconnect::core::{CoreAuthPrompt, CoreAuthenticationFlow, CoreGenderClaim};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IdTokenClaims, IssuerUrl,
    JsonWebKeySet, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    SignatureVerificationError, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, RwLock};

use app::domain::record_ids::UserId;

use super::provider_claims::{ClaimValues, ProviderClaims};
use super::provider_settings::ProviderSettings;
use super::relying_party::{Metadata, RelyingParty, TokenAnswer};
use super::sign_in_trouble::SignInTrouble;

/// Between two fetches of the provider's keys for an unknown key id: a flood of forged tokens
/// naming new keys does not become a flood of calls to the provider.
const KEY_REFRESH_GAP: Duration = Duration::from_secs(10);

/// Why the browser goes to the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInPurpose {
    SignIn,
    /// Joining the provider's identity to this signed-in account.
    Link(UserId),
    /// This signed-in account's holder proving, by signing in at the provider afresh (`prompt=login`,
    /// `max_age` of `CONFIRMATION_MAX_AGE`), that they are who the account's joined identity is: an account the provider
    /// made has no password to confirm its deletion with.
    Confirm(UserId),
}

/// A confirmation's `max_age`: the sign-in at the provider must be this fresh (and `auth_time`
/// is then in the ID token). Not 0: oidc-provider, for one, then asks again and again.
pub const CONFIRMATION_MAX_AGE: Duration = Duration::from_secs(120);

/// What the session keeps between `begin` and `finish`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub purpose: SignInPurpose,
}

/// What the provider said about the person, checked.
#[derive(Clone, Debug)]
pub struct ProviderAnswer {
    pub issuer: String,
    pub subject: String,
    pub claims: ClaimValues,
    /// When the person last gave the provider their credentials (`auth_time`), where it says.
    pub authenticated_at: Option<DateTime<Utc>>,
}

pub struct ProviderSignIn {
    pub settings: ProviderSettings,
    http: reqwest::Client,
    metadata: RwLock<Option<Metadata>>,
    /// When a token naming an unknown key last made Zige fetch the keys.
    keys_fetched_at: Mutex<Option<Instant>>,
}

impl ProviderSignIn {
    pub fn new(settings: ProviderSettings) -> Self {
        ProviderSignIn {
            settings,
            http: crate::gateways::outbound_http::client(),
            metadata: RwLock::new(None),
            keys_fetched_at: Mutex::new(None),
        }
    }

    /// The provider's address to send the browser to, and what to keep until it comes back.
    pub async fn begin(&self, purpose: SignInPurpose) -> Result<(String, PendingSignIn), SignInTrouble> {
        let party = self.party(self.metadata().await?)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = party
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if let SignInPurpose::Confirm(_) = purpose {
            request = request.add_prompt(CoreAuthPrompt::Login).set_max_age(CONFIRMATION_MAX_AGE);
        }
        let (address, state, nonce) = request.url();
        let pending = PendingSignIn {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            purpose,
        };
        Ok((address.to_string(), pending))
    }

    /// The person, from the code the provider sent back. `returned_state` and `returned_issuer`
    /// are the callback's `state` and `iss` (RFC 9207: an answer from another provider is refused).
    pub async fn finish(
        &self,
        pending: &PendingSignIn,
        code: &str,
        returned_state: &str,
        returned_issuer: Option<&str>,
    ) -> Result<ProviderAnswer, SignInTrouble> {
        if returned_state != pending.state {
            return Err(SignInTrouble::StateMismatch);
        }
        if returned_issuer.is_some_and(|issuer| issuer != self.settings.issuer) {
            return Err(SignInTrouble::StateMismatch);
        }
        let party = self.party(self.metadata().await?)?;
        let answer = party
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| SignInTrouble::Unreachable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(refused) => {
                    SignInTrouble::CodeRefused(refused.error().to_string())
                }
                other => SignInTrouble::Unreachable(format!("token call: {other}")),
            })?;
        let id_token = answer.id_token().ok_or_else(|| SignInTrouble::TokenRefused("no ID token".into()))?;
        let nonce = Nonce::new(pending.nonce.clone());
        let first = id_token.claims(&party.id_token_verifier(), &nonce).cloned();
        let (party, claims) = match first {
            Ok(claims) => (party, claims),
            Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
                // The provider rotated its keys since they were fetched: fetch them and check again.
                let renewed = self.party(self.refreshed_keys().await?)?;
                let claims = {
                    let verifier = renewed.id_token_verifier();
                    id_token.claims(&verifier, &nonce).map_err(|e| SignInTrouble::TokenRefused(e.to_string()))?.clone()
                };
                (renewed, claims)
            }
            Err(e) => return Err(SignInTrouble::TokenRefused(e.to_string())),
        };
        let mut values = ClaimValues::of_id_token(&claims, &self.settings);
        if values.id_number.is_none() || values.name.is_none() || values.registrations.is_none() {
            values = values.or(self.user_info(&party, &answer, &claims).await?);
        }
        Ok(ProviderAnswer {
            issuer: self.settings.issuer.clone(),
            subject: claims.subject().as_str().to_string(),
            claims: values,
            authenticated_at: claims.auth_time(),
        })
    }

    /// The claims the ID token left out, from the userinfo endpoint, for the same subject (a
    /// provider conforming to the standard keeps scope claims out of the ID token).
    async fn user_info(
        &self,
        party: &RelyingParty,
        answer: &TokenAnswer,
        claims: &IdTokenClaims<ProviderClaims, CoreGenderClaim>,
    ) -> Result<ClaimValues, SignInTrouble> {
        let Ok(request) = party.user_info(answer.access_token().clone(), Some(claims.subject().clone())) else {
            return Ok(ClaimValues::default());
        };
        let info: UserInfoClaims<ProviderClaims, CoreGenderClaim> = request
            .request_async(&self.http)
            .await
            .map_err(|e| SignInTrouble::Unreachable(format!("userinfo: {e}")))?;
        Ok(ClaimValues::of_user_info(&info, &self.settings))
    }

    fn party(&self, metadata: Metadata) -> Result<RelyingParty, SignInTrouble> {
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|e| SignInTrouble::Unreachable(format!("redirect address: {e}")))?;
        Ok(RelyingParty::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose().to_string())),
        )
        .set_redirect_uri(redirect))
    }

    /// The provider's metadata and keys, discovered on first use.
    pub(super) async fn metadata(&self) -> Result<Metadata, SignInTrouble> {
        if let Some(known) = self.metadata.read().await.clone() {
            return Ok(known);
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| SignInTrouble::Unreachable(format!("issuer address: {e}")))?;
        let discovered = Metadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| SignInTrouble::Unreachable(format!("discovery: {e}")))?;
        *self.metadata.write().await = Some(discovered.clone());
        Ok(discovered)
    }

    /// The metadata with the provider's keys fetched again, unless they were a moment ago.
    async fn refreshed_keys(&self) -> Result<Metadata, SignInTrouble> {
        let known = self.metadata().await?;
        let mut fetched_at = self.keys_fetched_at.lock().await;
        if fetched_at.is_some_and(|at| at.elapsed() < KEY_REFRESH_GAP) {
            return Ok(known);
        }
        let keys = JsonWebKeySet::fetch_async(known.jwks_uri(), &self.http)
            .await
            .map_err(|e| SignInTrouble::Unreachable(format!("keys: {e}")))?;
        let renewed = known.set_jwks(keys);
        *self.metadata.write().await = Some(renewed.clone());
        *fetched_at = Some(Instant::now());
        Ok(renewed)
    }
}

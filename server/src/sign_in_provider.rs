//! Signing in through the authority's identity provider (seed 003's 用报名系统账号登录): Zige as
//! an OpenID Connect relying party — the authorisation code flow with PKCE, `state` and `nonce`;
//! discovery and the provider's keys from its metadata, fetched again when a token names a key
//! not yet known (rotation); the ID token's signature and claims checked by `openidconnect`. What
//! the provider vouches for becomes a Zige session through `app::ssr::accounts::provider_sign_in`;
//! signing out goes on to the provider's own sign-out (`provider_sign_out`).

pub mod provider_claims;
pub mod provider_client;
pub mod provider_settings;
pub mod provider_sign_out;
mod relying_party;
pub mod sign_in_trouble;

//! What every request handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::ssr::infra::blob_store::BlobStore;
use crate::ssr::infra::clock::Clock;
use crate::ssr::infra::decode_budget::DecodeBudget;
use crate::ssr::infra::rate_limits::RateLimits;

#[derive(Clone)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub blobs: Arc<dyn BlobStore>,
    /// The largest upload request body accepted (from configuration).
    pub max_upload_bytes: u64,
    /// Decides whether an exam's upload window is open; tests put in a manual one.
    pub clock: Arc<dyn Clock>,
    /// Attempts per address and per account at login, sign-up, recovery and uploads.
    pub rate_limits: Arc<RateLimits>,
    /// Memory all full decodes in flight may take together.
    pub decode_budget: Arc<DecodeBudget>,
    /// The payment gateways candidates may pay through (the sandbox where none is set up).
    pub gateways: Arc<crate::ssr::infra::payment_gateway::Gateways>,
    /// Sign admission tickets' codes (the newest) and verify them (all); their public halves are
    /// what verifiers hold.
    pub ticket_keys: Arc<crate::ssr::infra::ticket_signing_keys::TicketKeys>,
    /// Checks a document template an administrator saves (the server's Typst).
    pub layouts: Arc<dyn crate::ssr::infra::document_layout::DocumentLayout>,
    /// Staff sign in with a password and a code from an authenticator app (configuration; only
    /// the server tests turn it off, as they do the rate limits).
    pub staff_second_factor: bool,
    /// Looks at every stored picture in the background for the reviewer (QR code, looks, the same
    /// document from two people).
    /// Its room is above this one: the state holds its port (`assistant_state::of` is the rest).
    pub assistant: Arc<dyn crate::ssr::infra::assistant_port::AssistantPort>,
    /// The site's address as texts name it (`ZIGE_PUBLIC_URL`, no last slash); empty where none is
    /// configured, and then the address the administrator's request came to stands in.
    pub public_address: String,
    /// Candidates may sign in through the authority's identity provider (`ZIGE_OIDC_ISSUER`):
    /// the log-in page offers 用报名系统账号登录.
    pub provider_sign_in: bool,
    /// 注册 needs the code texted to the mobile typed (a real SMS gateway and its
    /// `ZIGE_SMS_TEMPLATE_SIGN_UP_CODE`; `accounts::sign_up_codes`).
    pub sign_up_code: bool,
    /// The authority's 公众号 carries news to candidates who bound it (`ZIGE_OFFICIAL_ACCOUNT_*`):
    /// 个人信息 offers 绑定微信公众号.
    pub official_account: bool,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function (provided by `leptos_routes_with_context`).
pub fn server_state() -> Result<ServerState, crate::error::AppError> {
    use_context::<ServerState>()
        .ok_or_else(|| crate::ssr::internal("server state missing", "no ServerState in context"))
}

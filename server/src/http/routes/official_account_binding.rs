//! Binding the authority's 公众号 from 个人信息 (seeds 001/003's "公众号信息反馈"): GET
//! /auth/official-account/start sends the signed-in candidate to WeChat's web authorisation with a
//! state kept in their session; GET /auth/official-account/callback takes the code back (the
//! state must be that session's, once), asks WeChat for the openid and binds it, then opens
//! 个人信息 again; POST /auth/official-account/unbind undoes it. Opened outside WeChat, its
//! authorise page says to open the link in WeChat; WeChat's refusals are said in words.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;
use tower_sessions::Session;

use app::ssr::access::{caller, gate::Candidate};
use app::ssr::messaging::official_account_binding;
use app::ssr::ServerState;

use super::error_response;
use super::plain_page::{plain_page, WayBack};
use crate::gateways::official_account::OfficialAccount;

/// The session's key for the state between `start` and `callback`.
const STATE_KEY: &str = "official_account_state";
/// Where the candidate lands once bound: 个人信息 says so, at its 公众号 card. The fragment also
/// replaces the one the authorise page's address carried (`#wechat_redirect`), which a browser
/// keeps through redirects that name none.
pub const BOUND_PATH: &str = "/account?official_account=bound#official-account";

pub async fn start(
    State(state): State<ServerState>,
    Extension(official_account): Extension<Arc<OfficialAccount>>,
    session: Session,
) -> Response {
    if caller::from_session::<Candidate>(&session, &state.db).await.is_err() {
        return Redirect::to("/login").into_response();
    }
    let binding_state = uuid::Uuid::new_v4().simple().to_string();
    if session.insert(STATE_KEY, &binding_state).await.is_err() {
        return trouble(
            StatusCode::SERVICE_UNAVAILABLE,
            "服务器繁忙，请稍后再试。",
            "The server is busy; please try again shortly.",
        );
    }
    Redirect::to(&official_account.authorize_address(&binding_state)).into_response()
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
}

pub async fn callback(
    State(state): State<ServerState>,
    Extension(official_account): Extension<Arc<OfficialAccount>>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let Ok(candidate) = caller::from_session::<Candidate>(&session, &state.db).await else {
        return Redirect::to("/login").into_response();
    };
    // Taken whatever comes: a state is used once.
    let expected: Option<String> = session.remove(STATE_KEY).await.ok().flatten();
    let (Some(code), Some(expected)) = (query.code.filter(|c| !c.is_empty()), expected) else {
        return stale();
    };
    if query.state.as_deref() != Some(expected.as_str()) {
        return stale();
    }
    let openid = match official_account.openid_for_code(&code).await {
        Ok(openid) => openid,
        Err(refused) => {
            tracing::warn!(detail = %refused.detail, "binding the 公众号 failed");
            return trouble(StatusCode::BAD_GATEWAY, &refused.zh, &refused.en);
        }
    };
    match official_account_binding::bind(&state.db, candidate.id, &openid, state.clock.now()).await {
        Ok(()) => Redirect::to(BOUND_PATH).into_response(),
        Err(error) => error_response(error),
    }
}

pub async fn unbind(State(state): State<ServerState>, session: Session) -> Response {
    let unbound = async {
        let candidate = caller::from_session::<Candidate>(&session, &state.db).await?;
        official_account_binding::unbind(&state.db, candidate.id).await
    };
    match unbound.await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(error) => error_response(error),
    }
}

/// No binding begun in this session, or begun again since: start over.
fn stale() -> Response {
    trouble(
        StatusCode::BAD_REQUEST,
        "绑定请求已失效，请在“个人信息”页重新点击“绑定微信公众号”。",
        "This binding request is no longer valid; press “Bind the WeChat account” on Personal information again.",
    )
}

fn trouble(status: StatusCode, zh: &str, en: &str) -> Response {
    plain_page(status, "绑定微信公众号", zh, en, WayBack { href: "/account", words: "返回个人信息 · Back" })
}

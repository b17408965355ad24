//! GET /auth/oidc/start and GET /auth/oidc/callback: signing in through the authority's identity
//! provider (seed 003's 用报名系统账号登录). `start` sends the browser to the provider (with
//! `?link=1` from 我的账号: to join the provider's identity to the signed-in account); `callback`
//! checks what comes back (`sign_in_provider::provider_client`) and signs the person in, or says
//! on a plain page, in Chinese and English, why not — nothing begun twice, nothing logged that
//! signs in.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;
use tower_sessions::Session;

use app::ssr::access::{caller, gate::Candidate, session_user};
use app::ssr::accounts::{account_store, provider_sign_in};
use app::ssr::exams::registrations;
use app::ssr::ServerState;

use crate::sign_in_provider::provider_client::{PendingSignIn, ProviderAnswer, ProviderSignIn};
use crate::sign_in_provider::sign_in_trouble::SignInTrouble;

/// The session's key for the sign-in between `start` and `callback`.
const PENDING_KEY: &str = "provider_sign_in";

#[derive(Deserialize)]
pub struct StartQuery {
    link: Option<String>,
}

pub async fn start(
    State(state): State<ServerState>,
    Extension(provider): Extension<Arc<ProviderSignIn>>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Response {
    let link_to = if query.link.as_deref() == Some("1") {
        match caller::from_session::<Candidate>(&session, &state.db).await {
            Ok(candidate) => Some(candidate.id),
            Err(_) => return Redirect::to("/login").into_response(),
        }
    } else {
        None
    };
    let (address, pending) = match provider.begin(link_to).await {
        Ok(begun) => begun,
        Err(trouble) => return trouble_page(&trouble),
    };
    if session.insert(PENDING_KEY, pending).await.is_err() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    Redirect::to(&address).into_response()
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<ServerState>,
    Extension(provider): Extension<Arc<ProviderSignIn>>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    // Taken out at once: a second arrival of the same answer finds nothing begun.
    let pending: Option<PendingSignIn> = session.remove(PENDING_KEY).await.unwrap_or(None);
    let Some(pending) = pending else { return trouble_page(&SignInTrouble::NothingBegun) };
    let answer = match vouched(&provider, &pending, query).await {
        Ok(answer) => answer,
        Err(trouble) => return trouble_page(&trouble),
    };
    let registrations = answer.claims.registrations.clone().unwrap_or_default();
    let person = match person_of(answer) {
        Ok(person) => person,
        Err(trouble) => return trouble_page(&trouble),
    };
    let now = state.clock.now();
    let outcome = match pending.link_to {
        Some(user_id) => match account_store::find_by_id(&state.db, user_id).await {
            Ok(Some(account)) => provider_sign_in::link(&state.db, &person, &account, now).await,
            Ok(None) => return trouble_page(&SignInTrouble::NothingBegun),
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        },
        None => provider_sign_in::sign_in(&state.db, &person, now).await,
    };
    // The registration comes with them: the exams they registered for open, with its category.
    if let Ok(Ok(account)) = &outcome {
        let recorded = registrations::record(&state.db, &account.id_number, &account.name, &registrations, now).await;
        if recorded.is_err() {
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    match outcome {
        Ok(Ok(_)) if pending.link_to.is_some() => Redirect::to("/account").into_response(),
        Ok(Ok(account)) => match session_user::begin_session(&session, &account, now).await {
            Ok(()) => Redirect::to("/").into_response(),
            Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        },
        Ok(Err(refusal)) => {
            tracing::warn!(reason = ?refusal, "provider sign-in refused");
            let (zh, en) = refusal.words();
            page(StatusCode::CONFLICT, zh, en)
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

async fn vouched(
    provider: &ProviderSignIn,
    pending: &PendingSignIn,
    query: CallbackQuery,
) -> Result<ProviderAnswer, SignInTrouble> {
    if let Some(error) = query.error {
        // The provider's error code, cut to something a page may show.
        let code: String = error.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(40).collect();
        return Err(SignInTrouble::ProviderSaidNo(code));
    }
    let code = query.code.filter(|code| !code.is_empty()).ok_or(SignInTrouble::CodeRefused("no code".into()))?;
    provider.finish(pending, &code, query.state.as_deref().unwrap_or_default(), query.iss.as_deref()).await
}

fn person_of(answer: ProviderAnswer) -> Result<provider_sign_in::VouchedPerson, SignInTrouble> {
    let id_number = answer.claims.id_number()?;
    let name = answer.claims.name.clone().ok_or(SignInTrouble::MissingClaim("name"))?;
    Ok(provider_sign_in::VouchedPerson {
        issuer: answer.issuer,
        subject: answer.subject,
        id_number,
        name,
        mobile: answer.claims.mobile_digits(),
    })
}

fn trouble_page(trouble: &SignInTrouble) -> Response {
    tracing::warn!(reason = %trouble.log_reason(), "provider sign-in failed");
    let (zh, en) = trouble.words();
    page(trouble.status(), &zh, &en)
}

/// A plain page (the site's stylesheet, no script): what went wrong, and the way back.
fn page(status: StatusCode, zh: &str, en: &str) -> Response {
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>用报名系统账号登录 · 资格</title><link rel="stylesheet" href="/pkg/zige.css"></head>
<body><main class="page"><h1>用报名系统账号登录</h1>
<p class="notice error" role="alert" data-testid="provider-trouble">{}</p>
<p class="muted" lang="en">{}</p>
<p><a class="button" href="/login">返回登录页 · Back to log in</a></p>
</main></body></html>"#,
        escaped(zh),
        escaped(en)
    );
    (status, Html(body)).into_response()
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

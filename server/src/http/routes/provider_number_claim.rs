//! When the registration system vouches for a person whose ID number an unverified self-sign-up
//! holds (issue 64), the person chooses on a plain page: the account is theirs (they sign in with
//! its password and link the two from 我的账号, as before), or it is not — POST /auth/oidc/claim
//! then sets it aside and makes theirs (`accounts::number_claim`). The vouched person waits in the
//! session for `CLAIM_MINUTES` only, taken once, so nothing but a sign-in just made can claim.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use app::ssr::accounts::number_claim;
use app::ssr::accounts::provider_sign_in::VouchedPerson;
use app::ssr::exams::registrations::Registration;
use app::ssr::ServerState;

use super::plain_page::escaped;
use super::provider_sign_in::{busy, refused, signed_in, trouble_page};
use crate::sign_in_provider::sign_in_trouble::SignInTrouble;

pub const CLAIM_PATH: &str = "/auth/oidc/claim";
const CLAIM_KEY: &str = "provider_number_claim";
/// How long the choice stays open after the sign-in at the provider.
const CLAIM_MINUTES: i64 = 10;

#[derive(Serialize, Deserialize)]
struct PendingClaim {
    person: VouchedPerson,
    registrations: Vec<Registration>,
    /// Seconds since 1970 of the sign-in at the provider.
    at: i64,
}

/// Keeps the vouched person for the choice, and shows it.
pub async fn offer(
    session: &Session,
    person: VouchedPerson,
    registrations: Vec<Registration>,
    now: DateTime<Utc>,
) -> Response {
    tracing::warn!("provider sign-in: an unverified account holds the vouched ID number");
    let masked = person.id_number.masked();
    let pending = PendingClaim { person, registrations, at: now.timestamp() };
    if session.insert(CLAIM_KEY, pending).await.is_err() {
        return busy();
    }
    let mut response = (StatusCode::CONFLICT, Html(choice_page(&masked))).into_response();
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    response
}

/// 不是我注册的: the self-made account is set aside and the vouched person signed in to theirs.
pub async fn claim(State(state): State<ServerState>, session: Session) -> Response {
    let now = state.clock.now();
    let pending: Option<PendingClaim> = session.remove(CLAIM_KEY).await.unwrap_or(None);
    let Some(pending) = pending.filter(|p| now.timestamp() - p.at <= CLAIM_MINUTES * 60) else {
        return trouble_page(&SignInTrouble::NothingBegun);
    };
    match number_claim::claim_number(&state.db, &pending.person, now).await {
        Ok(Ok(account)) => signed_in(&state, &session, &account, &pending.registrations).await,
        Ok(Err(refusal)) => refused(refusal),
        Err(_) => busy(),
    }
}

fn choice_page(masked: &str) -> String {
    let masked = escaped(masked);
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>用报名系统账号登录 · 资格</title><link rel="stylesheet" href="/pkg/zige.css"></head>
<body><main class="page" data-testid="number-claim"><h1>用报名系统账号登录</h1>
<p class="notice" role="alert">报名系统已核实您是证件号码 {masked} 的持有人，但本系统中已有一个自行注册的账号使用该号码。</p>
<p class="muted" lang="en">The registration system vouched that you hold ID number {masked}, but an account signed up here by hand already uses it.</p>
<section class="card"><h2>如果这是您本人注册的账号 · If that account is yours</h2>
<p>请用证件号码和密码登录，再在“我的账号”中绑定报名系统账号。</p>
<p class="muted" lang="en">Log in with the ID number and password, then link the registration system's account under My account.</p>
<p><a class="button secondary" href="/login">用密码登录 · Log in with the password</a></p></section>
<section class="card"><h2>如果不是您本人注册的 · If you did not sign it up</h2>
<p>该账号将被搁置：不能再登录，其报名暂停审核，管理员会核查。本系统将为您开通账号。</p>
<p class="muted" lang="en">That account will be set aside: it can no longer sign in, its applications are held and administrators check it. An account is made for you.</p>
<form method="post" action="{CLAIM_PATH}"><button class="button" type="submit">不是我注册的，为我开通账号 · Not mine: make my account</button></form></section>
</main></body></html>"#
    )
}

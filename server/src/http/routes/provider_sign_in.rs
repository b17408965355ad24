//! GET /auth/oidc/start and GET /auth/oidc/callback: signing in through the authority's identity
//! provider (seed 003's 用报名系统账号登录). `start` sends the browser to the provider (with
//! `?link=1` from 我的账号: to join the provider's identity to the signed-in account; with
//! `?confirm=1` from 注销账户: to prove afresh who holds an account the provider made); `callback`
//! checks what comes back (`sign_in_provider::provider_client`) and signs the person in, or says
//! on a plain page, in Chinese and English, why not — nothing begun twice, nothing logged that
//! signs in. The registration system may name the page to land on (`?next=/exams/003`, seeds 001
//! and 003: 上传相关材料 leads to the exam's upload page): only the site's own candidate pages are
//! taken (`domain::return_path`).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::record_ids::UserId;
use app::domain::return_path::return_path;
use app::ssr::access::{caller, gate::Candidate, provider_session, session_user};
use app::ssr::accounts::{account_store, provider_sign_in};
use app::ssr::entities::user;
use app::ssr::exams::registrations;
use app::ssr::ServerState;

use crate::sign_in_provider::provider_client::{
    PendingSignIn, ProviderAnswer, ProviderSignIn, SignInPurpose, CONFIRMATION_MAX_AGE,
};
use crate::sign_in_provider::sign_in_trouble::SignInTrouble;

use super::plain_page::{plain_page, WayBack};

/// The session's key for the sign-in between `start` and `callback`.
const PENDING_KEY: &str = "provider_sign_in";
/// The session's key for the page to land on once signed in, where the link named one.
const RETURN_KEY: &str = "provider_sign_in_return";

#[derive(Deserialize)]
pub struct StartQuery {
    /// `link=1` from 我的账号: join the provider's identity to the signed-in account.
    link: Option<String>,
    /// `confirm=1` from deleting an account the provider made: prove who holds it, afresh.
    confirm: Option<String>,
    /// The site's page to land on once signed in (`/exams/003`): the registration system's link.
    next: Option<String>,
}

pub async fn start(
    State(state): State<ServerState>,
    Extension(provider): Extension<Arc<ProviderSignIn>>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Response {
    let for_account = query.link.as_deref() == Some("1") || query.confirm.as_deref() == Some("1");
    let purpose = if for_account {
        let Ok(candidate) = caller::from_session::<Candidate>(&session, &state.db).await else {
            return Redirect::to("/login").into_response();
        };
        if query.confirm.as_deref() == Some("1") {
            SignInPurpose::Confirm(candidate.id)
        } else {
            SignInPurpose::Link(candidate.id)
        }
    } else {
        SignInPurpose::SignIn
    };
    // Judged before anything begins: an address off the site is refused, not quietly dropped.
    let landing = match query.next.as_deref().map(return_path) {
        None => None,
        Some(Ok(path)) => Some(path),
        Some(Err((zh, en))) => return page(StatusCode::BAD_REQUEST, &zh, &en),
    };
    let (address, pending) = match provider.begin(purpose).await {
        Ok(begun) => begun,
        Err(trouble) => return trouble_page(&trouble),
    };
    if session.insert(PENDING_KEY, pending).await.is_err() {
        return busy();
    }
    // A sign-in begun without one lands on 我的考试, whatever an earlier one asked for.
    let kept = match landing {
        Some(path) => session.insert(RETURN_KEY, path).await,
        None => session.remove::<String>(RETURN_KEY).await.map(|_| ()),
    };
    if kept.is_err() {
        return busy();
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
    let authenticated_at = answer.authenticated_at;
    let person = match person_of(answer) {
        Ok(person) => person,
        Err(trouble) => return trouble_page(&trouble),
    };
    let now = state.clock.now();
    let outcome = match pending.purpose {
        SignInPurpose::Confirm(user_id) => {
            return confirmed(&state, &session, &person, user_id, authenticated_at).await
        }
        SignInPurpose::Link(user_id) => match account_store::find_by_id(&state.db, user_id).await {
            Ok(Some(account)) => provider_sign_in::link(&state.db, &person, &account, now).await,
            Ok(None) => return trouble_page(&SignInTrouble::NothingBegun),
            Err(_) => return busy(),
        },
        SignInPurpose::SignIn => provider_sign_in::sign_in(&state.db, &person, now).await,
    };
    match outcome {
        Ok(Ok(account)) if pending.purpose != SignInPurpose::SignIn => {
            match with_registrations(&state, &account, &registrations).await {
                Ok(()) => Redirect::to("/account").into_response(),
                Err(_) => busy(),
            }
        }
        Ok(Ok(account)) => signed_in(&state, &session, &account, &registrations).await,
        Ok(Err(provider_sign_in::Refusal::NumberHeldUnverified)) => {
            super::provider_number_claim::offer(&session, person, registrations, now).await
        }
        Ok(Err(refusal)) => refused(refusal),
        Err(_) => busy(),
    }
}

/// The registration comes with them: the exams they registered for open, with its category.
async fn with_registrations(
    state: &ServerState,
    account: &user::Model,
    registrations: &[registrations::Registration],
) -> Result<(), app::error::AppError> {
    let person = registrations::ClaimedPerson {
        account_id: account.id,
        id_number: &account.id_number,
        name: &account.name,
        mobile: &account.mobile,
    };
    registrations::record(&state.db, &person, registrations, state.clock.now()).await.map(|_| ())
}

/// Signs the vouched person in to `account`, their registrations with them, and sends them to 我的考试.
pub(super) async fn signed_in(
    state: &ServerState,
    session: &Session,
    account: &user::Model,
    registrations: &[registrations::Registration],
) -> Response {
    let begun = async {
        with_registrations(state, account, registrations).await?;
        session_user::begin_session(session, account, state.clock.now()).await?;
        provider_session::remember_sign_in(session).await
    };
    match begun.await {
        Ok(()) => Redirect::to(&landing_after_sign_in(session).await).into_response(),
        Err(_) => busy(),
    }
}

/// The page the sign-in's link named (checked when it began), else 我的考试; taken once.
async fn landing_after_sign_in(session: &Session) -> String {
    let named: Option<String> = session.remove(RETURN_KEY).await.unwrap_or(None);
    // Checked again: the session store is the server's, but the rule is one.
    named.and_then(|path| return_path(&path).ok()).unwrap_or_else(|| "/".to_string())
}

/// The signed-in account's holder signed in at the provider afresh, as its joined identity: for
/// `CONFIRMATION_MINUTES` that stands in for a password (deleting an account the provider made).
async fn confirmed(
    state: &ServerState,
    session: &Session,
    person: &provider_sign_in::VouchedPerson,
    user_id: UserId,
    authenticated_at: Option<DateTime<Utc>>,
) -> Response {
    let now = state.clock.now();
    // Asked with prompt=login and a short max_age: a provider that answers with an older sign-in
    // has not asked again.
    let max_age = Duration::from_std(CONFIRMATION_MAX_AGE).unwrap_or_default();
    let fresh = authenticated_at.is_some_and(|at| now - at <= max_age);
    if !fresh {
        return trouble_page(&SignInTrouble::NotAskedAgain);
    }
    let account = match caller::from_session::<Candidate>(session, &state.db).await {
        Ok(account) if account.id == user_id => account,
        _ => return trouble_page(&SignInTrouble::NothingBegun),
    };
    match provider_sign_in::confirm(&state.db, person, account.account()).await {
        Ok(Ok(_)) => match provider_session::mark_confirmed(session, user_id, now).await {
            Ok(()) => Redirect::to(crate::http::routes::my_data::CONFIRM_DELETION_PATH).into_response(),
            Err(_) => busy(),
        },
        Ok(Err(refusal)) => refused(refusal),
        Err(_) => busy(),
    }
}

pub(super) fn refused(refusal: provider_sign_in::Refusal) -> Response {
    tracing::warn!(reason = ?refusal, "provider sign-in refused");
    let (zh, en) = refusal.words();
    page(StatusCode::CONFLICT, zh, en)
}

/// The database or the session store did not answer: nothing was done, and the person may try again.
pub(super) fn busy() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "服务器繁忙，未能登录，请稍后再试。",
        "The server is busy; you were not signed in. Please try again shortly.",
    )
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

pub(super) fn trouble_page(trouble: &SignInTrouble) -> Response {
    tracing::warn!(reason = %trouble.log_reason(), "provider sign-in failed");
    let (zh, en) = trouble.words();
    page(trouble.status(), &zh, &en)
}

/// A plain page: what went wrong, and the way back to the log-in page.
pub(super) fn page(status: StatusCode, zh: &str, en: &str) -> Response {
    let back = WayBack { href: "/login", words: "返回登录页 · Back to log in" };
    plain_page(status, "用报名系统账号登录", zh, en, back)
}

//! The candidate's own data (个人信息保护法): GET /api/my-data.zip, everything the installation holds
//! about them as one archive (`ssr::candidate::data_archive`), streamed from a temporary file;
//! and POST /account/delete, the plain form (multipart, the password alone) that deletes the
//! account where no exam still needs it (`ssr::candidate::account_deletion`), answered with a page
//! that says what happened. An account the identity provider made has no password: its holder
//! proves themselves there afresh, and confirms on GET /account/delete.

use axum::body::Body;
use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use tokio::io::AsyncSeekExt;
use tokio_util::io::ReaderStream;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::provider_session::fresh_confirmation;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::accounts::provider_sign_in::has_joined_identity;
use app::ssr::candidate::account_deletion::{delete_account, DeletionProof};
use app::ssr::candidate::data_archive::archive_into;
use app::ssr::infra::client_address::ClientAddress;
use app::ssr::ServerState;

use super::archive_builds::ArchiveBuilds;
use super::error_response;

/// Written to a temporary file on a blocking thread and served from it as a stream, so the
/// server holds a few pictures in memory whatever the archive's size; one archive per account
/// in ten minutes (`RateLimits::check_archive`), and a few per server at a time (`ArchiveBuilds`).
pub async fn my_data_archive(
    State(state): State<ServerState>,
    Extension(builds): Extension<ArchiveBuilds>,
    session: Session,
) -> Response {
    let made = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        // The turn first: a person told the server is busy has not used their archive.
        let _turn = builds.enter()?;
        state.rate_limits.check_archive(account.account().id)?;
        let file = archive_into(&state, &account, builds.limits, builds.temporary_file()?).await?;
        let length = file.metadata().map_err(|e| app::ssr::internal("data archive length", e))?.len();
        let mut file = tokio::fs::File::from_std(file);
        file.rewind().await.map_err(|e| app::ssr::internal("data archive rewind", e))?;
        Ok::<_, AppError>((length, file))
    };
    match made.await {
        Ok((length, file)) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_string()),
                (header::CONTENT_LENGTH, length.to_string()),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"zige-my-data.zip\"".to_string()),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            Body::from_stream(ReaderStream::new(file)),
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

/// Where the provider sends the holder of an account it made once they proved themselves there
/// afresh: the page that asks them to confirm the deletion (`confirm_deletion`).
pub const CONFIRM_DELETION_PATH: &str = "/account/delete";

/// What deleting asks for next.
enum Deletion {
    Done,
    /// An account with no password, joined to the provider's identity: prove it there first.
    ConfirmAtProvider,
}

pub async fn delete_my_account(
    State(state): State<ServerState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    session: Session,
    mut form: Multipart,
) -> Response {
    let done = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        let mut password = String::new();
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some("password") {
                password = field.text().await.unwrap_or_default();
            }
        }
        let proof = if !password.is_empty() {
            DeletionProof::Password(&password)
        } else if let Some(fresh) = fresh_confirmation(&session, account.id, state.clock.now()).await? {
            DeletionProof::ConfirmedAtProvider(fresh)
        } else if state.provider_sign_in && has_joined_identity(&state.db, account.account()).await? {
            return Ok(Deletion::ConfirmAtProvider);
        } else {
            DeletionProof::Password("")
        };
        delete_account(&state, &account, proof, address).await?;
        session.flush().await.map_err(|e| app::ssr::internal("account deletion session", e))?;
        // Its other browsers are signed out already (the account's sessions' generation moved on);
        // their rows go too. One left behind by a failure lapses with its expiry.
        if let Err(error) = crate::stores::session_store::delete_sessions_of(&state.db, account.id).await {
            tracing::warn!(%error, "a deleted account's other sessions are left to lapse");
        }
        Ok(Deletion::Done)
    };
    match done.await {
        Ok(Deletion::Done) => Html(page(
            "账户已注销 · Account deleted",
            "您的账户和资料已删除，本机已退出登录。Your account and its data are deleted; you are signed out.",
        ))
        .into_response(),
        Ok(Deletion::ConfirmAtProvider) => Redirect::to("/auth/oidc/start?confirm=1").into_response(),
        Err(error @ AppError::InvalidField { .. }) => {
            let (zh, en) = (error.message_zh(), error.message_en());
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(page("未能注销 · Not deleted", &format!("{zh} {en}"))))
                .into_response()
        }
        Err(error) => error_response(error),
    }
}

/// GET /account/delete, back from proving themselves at the provider: one more press deletes
/// (within `CONFIRMATION_MINUTES`); otherwise back to 我的账号.
pub async fn confirm_deletion(State(state): State<ServerState>, session: Session) -> Response {
    let confirmed = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        fresh_confirmation(&session, account.id, state.clock.now()).await
    };
    match confirmed.await {
        Ok(Some(_)) => Html(CONFIRM_PAGE).into_response(),
        Ok(None) | Err(AppError::NotSignedIn) => Redirect::to("/account").into_response(),
        Err(error) => error_response(error),
    }
}

/// The deletion asked once more, after the provider confirmed who is asking.
const CONFIRM_PAGE: &str = r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>注销账户 · Delete the account</title><link rel="stylesheet" href="/pkg/zige.css"></head>
<body><main class="page"><h1>注销账户 · Delete the account</h1>
<p role="status" data-testid="deletion-confirmed">报名系统已确认您的身份。注销后，您上传的图片和填写的信息将被删除，且不能恢复。<br><span lang="en">The registration system confirmed who you are. Deleting removes your pictures and forms for good.</span></p>
<form method="post" action="/account/delete" enctype="multipart/form-data"><button type="submit" class="button">确认注销账户 · Delete my account</button></form>
<p><a href="/account">返回我的账号 · Back to my account</a></p></main></body></html>"#;

/// A plain page in both languages, with the way back.
fn page(title: &str, message: &str) -> String {
    let message = message.replace('<', "&lt;");
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
<body><main><h1>{title}</h1><p role="status">{message}</p><p><a href="/">返回首页 · Home</a></p></main></body></html>"#
    )
}

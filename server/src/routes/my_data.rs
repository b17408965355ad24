//! The candidate's own data (个人信息保护法): GET /api/my-data.zip, everything the installation holds
//! about them as one archive (`ssr::candidate::data_archive`); and POST /account/delete, the plain
//! form (multipart, the password alone) that deletes the account where no exam still needs it
//! (`ssr::accounts::account_deletion`), answered with a page that says what happened.

use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::accounts::account_deletion::delete_account;
use app::ssr::candidate::data_archive::archive;
use app::ssr::ServerState;

use super::error_response;

pub async fn my_data_archive(State(state): State<ServerState>, session: Session) -> Response {
    let made = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        archive(&state, &account).await
    };
    match made.await {
        Ok(zip) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"zige-my-data.zip\""),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            zip,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

pub async fn delete_my_account(State(state): State<ServerState>, session: Session, mut form: Multipart) -> Response {
    let done = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        let mut password = String::new();
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some("password") {
                password = field.text().await.unwrap_or_default();
            }
        }
        delete_account(&state, &account, &password).await?;
        session.flush().await.map_err(|e| app::ssr::internal("account deletion session", e))
    };
    match done.await {
        Ok(()) => Html(page(
            "账户已注销 · Account deleted",
            "您的账户和资料已删除，本机已退出登录。Your account and its data are deleted; you are signed out.",
        ))
        .into_response(),
        Err(error @ AppError::InvalidField { .. }) => {
            let (zh, en) = (error.message_zh(), error.message_en());
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(page("未能注销 · Not deleted", &format!("{zh} {en}"))))
                .into_response()
        }
        Err(error) => error_response(error),
    }
}

/// A plain page in both languages, with the way back.
fn page(title: &str, message: &str) -> String {
    let message = message.replace('<', "&lt;");
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
<body><main><h1>{title}</h1><p role="status">{message}</p><p><a href="/">返回首页 · Home</a></p></main></body></html>"#
    )
}

//! A session changed by a request is saved by tower-sessions' own layer after the handler has
//! answered; when the database stops answering just then, that layer throws the answer away and
//! sends a bare 500 (its error is not ours to map). The session store notes such a failure (`DATABASE_SILENT`),
//! and this layer, around tower-sessions', answers it as every other request the database failed:
//! 503 with `Retry-After`, storage busy, nothing saved (issue 53).

use std::cell::Cell;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use app::api::wire::accepts_postcard;
use app::error::AppError;
use app::ssr::infra::failure::STORAGE_RETRY_SECS;

use crate::http::middleware::error_wire;
use crate::http::routes::error_response;
use crate::stores::session_store::DATABASE_SILENT;

/// Laid around tower-sessions' layer.
pub async fn busy_when_the_session_was_not_saved(request: Request, next: Next) -> Response {
    let postcard = accepts_postcard(request.headers());
    let (response, silent) = DATABASE_SILENT
        .scope(Cell::new(false), async move {
            let response = next.run(request).await;
            (response, DATABASE_SILENT.with(Cell::get))
        })
        .await;
    if silent && response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        return error_wire::as_asked(postcard, || {
            error_response(AppError::Busy { retry_after_secs: STORAGE_RETRY_SECS })
        });
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::header;
    use axum::routing::post;
    use axum::Router;
    use sea_orm::DatabaseConnection;
    use tower::ServiceExt;
    use tower_sessions::{Session, SessionManagerLayer};

    use crate::stores::session_store::SeaOrmSessionStore;

    /// `/sign-in` writes to the session, then the database goes away (its pool closed) before
    /// tower-sessions saves it.
    async fn signed_in(db: DatabaseConnection, close_before_saving: bool) -> Response {
        let handler_db = db.clone();
        let app = Router::new()
            .route(
                "/sign-in",
                post(move |session: Session| async move {
                    session.insert("user_id", 7).await.unwrap();
                    if close_before_saving {
                        handler_db.close().await.unwrap();
                    }
                    "signed in"
                }),
            )
            .layer(SessionManagerLayer::new(SeaOrmSessionStore::new(db)))
            .layer(axum::middleware::from_fn(busy_when_the_session_was_not_saved));
        let request = Request::builder().method("POST").uri("/sign-in").body(Body::empty()).unwrap();
        app.oneshot(request).await.unwrap()
    }

    /// A migrated SQLite file (an in-memory database would be one per pooled connection).
    async fn migrated(folder: &tempfile::TempDir) -> DatabaseConnection {
        let url = format!("sqlite://{}?mode=rwc", folder.path().join("zige.db").display());
        let db = crate::stores::storage::connect(&url).await.unwrap();
        crate::stores::storage::migrate(&db).await.unwrap();
        db
    }

    #[tokio::test]
    async fn a_session_the_database_could_not_save_is_answered_503_with_retry_after_not_a_bare_500() {
        let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let saved = signed_in(migrated(&one).await, false).await;
        assert_eq!(saved.status(), StatusCode::OK);
        assert!(saved.headers().contains_key(header::SET_COOKIE));

        let unsaved = signed_in(migrated(&two).await, true).await;
        assert_eq!(unsaved.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(unsaved.headers()[header::RETRY_AFTER], STORAGE_RETRY_SECS.to_string().as_str());
        assert!(!unsaved.headers().contains_key(header::SET_COOKIE), "no cookie for a session not saved");
        let body = axum::body::to_bytes(unsaved.into_body(), 1 << 16).await.unwrap();
        let said: AppError = serde_json::from_slice(&body).unwrap();
        assert_eq!(said, AppError::Busy { retry_after_secs: STORAGE_RETRY_SECS });
    }
}

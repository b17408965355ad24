//! GET /api/materials/{id}/file: an image's bytes, for its owner only.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use app::ssr::materials::read_owned;
use app::ssr::session_user::user_from_session;
use app::ssr::ServerState;

use super::error_response;

pub async fn material_file(State(state): State<ServerState>, session: Session, Path(id): Path<String>) -> Response {
    let outcome = async {
        let account = user_from_session(&session, &state.db).await?;
        read_owned(&state, account.id, &id).await
    }
    .await;
    match outcome {
        Ok((format, bytes)) => (
            [
                (header::CONTENT_TYPE, format.mime_type()),
                // The type is the one we detected; browsers must not guess another.
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                // Personal documents stay out of shared and browser caches.
                (header::CACHE_CONTROL, "no-store, private"),
                (header::CONTENT_DISPOSITION, "inline"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

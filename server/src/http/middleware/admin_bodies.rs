//! The eligibility lists are the one kind of server-function call with a large body (16 MiB,
//! `body_limits::LIST_BODY_LIMIT_BYTES`), and only administrators make it: anyone else is
//! answered at once, before a byte of the body is read or buffered (issue 50), instead of the
//! server taking 16 MiB from whoever asks and only then finding out who it is.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::ServerState;

use crate::http::body_limits::LIST_PATHS;
use crate::http::routes::error_response;

pub async fn large_bodies_from_administrators_only(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if LIST_PATHS.contains(&request.uri().path()) {
        let Some(session) = request.extensions().get::<Session>().cloned() else {
            return error_response(AppError::NotSignedIn);
        };
        if let Err(refused) = caller::from_session::<Admin>(&session, &state.db).await {
            return error_response(refused);
        }
    }
    next.run(request).await
}

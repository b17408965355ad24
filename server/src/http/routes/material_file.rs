//! GET /api/materials/{id}/file: a picture's bytes, for its owner and the reviewers of its exam.

use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

use app::domain::record_ids::MaterialId;
use app::ssr::access::material_access::read_for;
use app::ssr::access::{caller, gate::Anyone};
use app::ssr::ServerState;

use super::{error_response, file_response};

pub async fn material_file(State(state): State<ServerState>, session: Session, Path(id): Path<MaterialId>) -> Response {
    let outcome = async {
        let account = caller::from_session::<Anyone>(&session, &state.db).await?;
        read_for(&state, &account, &id).await
    }
    .await;
    match outcome {
        // Personal documents stay out of shared and browser caches.
        Ok((format, bytes)) => file_response(format, bytes, "no-store, private"),
        Err(error) => error_response(error),
    }
}

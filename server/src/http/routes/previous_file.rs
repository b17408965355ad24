//! GET /api/materials/{id}/previous: the file a picture had before the candidate replaced it,
//! for the reviewers of its exam (and administrators) only.

use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

use app::domain::record_ids::MaterialId;
use app::ssr::access::material_access::previous_file as read_previous;
use app::ssr::access::{caller, gate::Anyone};
use app::ssr::ServerState;

use super::{error_response, file_response};

pub async fn previous_file(State(state): State<ServerState>, session: Session, Path(id): Path<MaterialId>) -> Response {
    let outcome = async {
        let account = caller::from_session::<Anyone>(&session, &state.db).await?;
        read_previous(&state, &account, &id).await
    }
    .await;
    match outcome {
        Ok((format, bytes)) => file_response(format, bytes, "no-store, private"),
        Err(error) => error_response(error),
    }
}

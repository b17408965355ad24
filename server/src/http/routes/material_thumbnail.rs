//! GET /api/materials/{id}/thumb: a picture's small copy for the candidate's lists
//! (`candidate::material_thumbnails`), for whoever may read the picture itself.

use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

use app::domain::record_ids::MaterialId;
use app::domain::FileFormat;
use app::ssr::access::{caller, gate::Anyone};
use app::ssr::candidate::material_thumbnails::thumbnail_for;
use app::ssr::ServerState;

use super::{error_response, file_response};

pub async fn material_thumbnail(
    State(state): State<ServerState>,
    session: Session,
    Path(id): Path<MaterialId>,
) -> Response {
    let outcome = async {
        let account = caller::from_session::<Anyone>(&session, &state.db).await?;
        thumbnail_for(&state, &account, &id).await
    }
    .await;
    match outcome {
        // A copy of a personal document: as the file itself, out of shared and browser caches.
        Ok(jpeg) => file_response(FileFormat::Jpeg, jpeg, "no-store, private"),
        Err(error) => error_response(error),
    }
}

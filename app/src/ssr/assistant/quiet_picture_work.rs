//! Work on a stored picture that can wait for the candidates (the reviewer's assistant's looks,
//! and the document numbers it reads for a pair): it starts only once no upload has been decoded
//! for a while, and runs on the blocking pool under the decode budget.

use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::ssr::entities::material;
use crate::ssr::infra::decode_budget::decode_memory_for_pixels;
use crate::ssr::infra::server_state::ServerState;

/// How long it waits for the uploads in flight before looking again.
const YIELD: Duration = Duration::from_millis(200);
/// How long uploads must have been quiet before it starts: between two uploads of a flood a look
/// would take a core from the next.
const QUIET: Duration = Duration::from_millis(500);

/// Runs `work` on the picture's stored bytes once uploads have been quiet ([`QUIET`]); None when
/// its file is gone.
pub async fn when_quiet<T: Send + 'static>(
    state: &ServerState,
    picture: &material::Model,
    work: impl FnOnce(&[u8]) -> T + Send + 'static,
) -> Result<Option<T>, AppError> {
    while !state.decode_budget.is_quiet(QUIET) {
        tokio::time::sleep(YIELD).await;
    }
    let pixels = u64::try_from(picture.width).unwrap_or(0) * u64::try_from(picture.height).unwrap_or(0);
    let _reservation = state.decode_budget.reserve_in_background(decode_memory_for_pixels(pixels)).await?;
    match state.blobs.get(&picture.blob_key).await {
        Ok(Some(bytes)) => tokio::task::spawn_blocking(move || work(&bytes))
            .await
            .map(Some)
            .map_err(|e| crate::ssr::internal("picture analysis", e)),
        Ok(None) => Ok(None),
        Err(e) => Err(crate::ssr::internal("picture read", e)),
    }
}

/// [`when_quiet`] on the picture stored under `blob_key`; None when it is gone.
pub async fn when_quiet_on_stored<T: Send + 'static>(
    state: &ServerState,
    blob_key: &str,
    work: impl FnOnce(&[u8]) -> T + Send + 'static,
) -> Result<Option<T>, AppError> {
    let picture = material::Entity::find().filter(material::Column::BlobKey.eq(blob_key)).one(&state.db).await?;
    match picture {
        Some(picture) => when_quiet(state, &picture, work).await,
        None => Ok(None),
    }
}

//! The one rule for reading a stored picture: its owner, whoever may review the owner's
//! application, and, once it is approved, the staff of its exam's on-site check on the day (who lay each
//! original beside its scan); anyone else learns nothing (not found). The file a picture had
//! before its replacement is for reviewers only (the candidate sees what they sent last).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::record_ids::MaterialId;
use crate::domain::FileFormat;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::{Anyone, Staff};
use crate::ssr::access::reviewer_access;
use crate::ssr::application::material_queries;
use crate::ssr::entities::{material, material_version};
use crate::ssr::infra::server_state::ServerState;

/// The stored bytes and their format, for the owner, whoever may review the owner's application,
/// and the on-site check's staff once it is approved.
#[tracing::instrument(skip_all, fields(user = %account.id, material = %material_id))]
pub async fn read_for(
    state: &ServerState,
    account: &Caller<Anyone>,
    material_id: &MaterialId,
) -> Result<(FileFormat, Vec<u8>), AppError> {
    let row = readable(state, account, material_id).await?;
    let bytes = state.blobs.get(&row.blob_key).await?;
    let bytes = bytes.ok_or_else(|| crate::ssr::internal("blob missing", row.blob_key.clone()))?;
    Ok((FileFormat::from_file_extension(&row.format), bytes))
}

/// The picture's row, for whoever [`read_for`] lets read its file (and so its small copy).
#[tracing::instrument(skip_all, fields(user = %account.id, material = %material_id))]
pub async fn readable(
    state: &ServerState,
    account: &Caller<Anyone>,
    material_id: &MaterialId,
) -> Result<material::Model, AppError> {
    let row = material_queries::find(&state.db, material_id).await?;
    if row.user_id != account.id && reviewable(state, account, &row).await.is_err() {
        at_the_on_site_check(state, account, &row).await?;
    }
    Ok(row)
}

/// The last file a picture had before its replacement: for whoever may review it.
#[tracing::instrument(skip_all, fields(user = %account.id, material = %material_id))]
pub async fn previous_file(
    state: &ServerState,
    account: &Caller<Anyone>,
    material_id: &MaterialId,
) -> Result<(FileFormat, Vec<u8>), AppError> {
    let db = &state.db;
    let material = material_queries::find(db, material_id).await?;
    // Earlier files are for the picture's reviewers only; to anyone else, as the file itself, the
    // picture does not exist (404): a 403 would say that it does.
    reviewable(state, account, &material).await?;
    let version = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.eq(material_id.clone()))
        .order_by_desc(material_version::Column::ReplacedAt)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = state
        .blobs
        .get(&version.blob_key)
        .await?
        .ok_or_else(|| crate::ssr::internal("blob missing", version.blob_key.clone()))?;
    Ok((FileFormat::from_file_extension(&version.format), bytes))
}

/// An approved candidate's picture, to the staff of their exam's on-site check; otherwise it does not exist.
async fn at_the_on_site_check(
    state: &ServerState,
    account: &Caller<Anyone>,
    material: &material::Model,
) -> Result<(), AppError> {
    let staff = account.as_a::<Staff>().map_err(|_| AppError::NotFound)?;
    reviewer_access::on_site_picture(&state.db, &staff, material).await.map(|_| ()).map_err(|_| AppError::NotFound)
}

/// Someone else's picture is readable through a review; otherwise it does not exist.
async fn reviewable(state: &ServerState, account: &Caller<Anyone>, material: &material::Model) -> Result<(), AppError> {
    let staff = account.as_a::<Staff>().map_err(|_| AppError::NotFound)?;
    reviewer_access::reviewable_material(&state.db, &staff, material).await.map(|_| ()).map_err(|_| AppError::NotFound)
}

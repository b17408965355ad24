//! The sweep: removes files no row names (an upload whose row never committed, a delete that
//! crashed between row and file) and writes that never finished. Files younger than `grace` are
//! left alone, because an upload writes its file a moment before its row.

use std::collections::HashSet;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QuerySelect};

use crate::error::AppError;
use crate::ssr::infra::blob_store::BlobStore;
use crate::ssr::{entities::exam_example, entities::material, entities::material_version};

/// How old an unnamed file must be before the periodic sweep removes it.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(3600);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub unnamed_files_removed: usize,
    pub unfinished_writes_removed: usize,
    pub files_kept: usize,
}

pub async fn sweep(db: &DatabaseConnection, blobs: &dyn BlobStore, grace: Duration) -> Result<SweepReport, AppError> {
    let unfinished_writes_removed = blobs.remove_abandoned_writes(grace).await?;
    // Listed before the names are read: a file written after this listing is not looked at, and
    // one listed here whose row commits meanwhile is protected by the grace period.
    let stored = blobs.list().await?;
    let named = named_keys(db).await?;
    let mut report = SweepReport { unfinished_writes_removed, ..Default::default() };
    for blob in stored {
        if named.contains(&blob.key) || blob.age < grace {
            report.files_kept += 1;
            continue;
        }
        blobs.delete(&blob.key).await?;
        tracing::info!(key = blob.key, "sweep removed a file no row names");
        report.unnamed_files_removed += 1;
    }
    Ok(report)
}

/// Every stored file a row names (a material, an earlier version of one, an exam's example), as
/// `db` sees them: a transaction's snapshot for a backup.
pub async fn named_keys(db: &impl ConnectionTrait) -> Result<HashSet<String>, AppError> {
    let mut keys: HashSet<String> = material::Entity::find()
        .select_only()
        .column(material::Column::BlobKey)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    keys.extend(
        material_version::Entity::find()
            .select_only()
            .column(material_version::Column::BlobKey)
            .into_tuple::<String>()
            .all(db)
            .await?,
    );
    keys.extend(
        exam_example::Entity::find()
            .select_only()
            .column(exam_example::Column::BlobKey)
            .into_tuple::<String>()
            .all(db)
            .await?,
    );
    Ok(keys)
}

//! Replacing an image in its place: the new file takes over the image (same category, same
//! sequence number, still unlocked until resubmission) and the old file is kept as a version, so
//! the reviewer can compare the two. Nothing is deleted.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};

use super::entities::{material, material_version};
use super::materials::StoredFile;
use crate::error::AppError;

pub async fn replace(db: &DatabaseConnection, old: material::Model, new_file: &StoredFile, now: DateTime<Utc>) -> Result<material::Model, AppError> {
    let txn = db.begin().await.map_err(|e| super::internal("replace begin", e))?;
    material_version::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        material_id: Set(old.id.clone()),
        blob_key: Set(old.blob_key.clone()),
        format: Set(old.format.clone()),
        width: Set(old.width),
        height: Set(old.height),
        bytes: Set(old.bytes),
        original_name: Set(old.original_name.clone()),
        uploaded_at: Set(old.created_at),
        replaced_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| super::internal("version insert", e))?;
    let mut row: material::ActiveModel = old.into();
    row.blob_key = Set(new_file.blob_key.clone());
    row.format = Set(new_file.format.file_extension().to_string());
    row.width = Set(new_file.width as i32);
    row.height = Set(new_file.height as i32);
    row.bytes = Set(new_file.bytes as i64);
    row.original_name = Set(new_file.original_name.clone());
    row.created_at = Set(now);
    let updated = row.update(&txn).await.map_err(|e| super::internal("replace update", e))?;
    txn.commit().await.map_err(|e| super::internal("replace commit", e))?;
    Ok(updated)
}

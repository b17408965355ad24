//! Replacing a picture a reviewer returned, in its place: the new file takes over the picture (same
//! category, same sequence number, still unlocked until resubmission). The file the reviewer saw
//! is kept as a version, so they can compare the two; a file uploaded and replaced again within
//! the same round was never seen by anyone and is removed, so replacing in a loop keeps one
//! version per round, not one per try.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::domain::Change;
use crate::error::AppError;
use crate::ssr::application::application_claim;
use crate::ssr::candidate::stored_file::StoredFile;
use crate::ssr::candidate::uncommitted_row::UncommittedRow;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::{entities::application, entities::material, entities::material_version};

#[tracing::instrument(skip_all, fields(application = %application.id, material = %old.id))]
pub async fn replace(
    state: &ServerState,
    application: &application::Model,
    old: material::Model,
    new_file: &StoredFile,
    now: DateTime<Utc>,
) -> Result<UncommittedRow, AppError> {
    let txn = begin_write(&state.db).await?;
    // Still returned, not resubmitted meanwhile (which would have locked the picture).
    application_claim::claim(&txn, application.id, Change::ReplaceFlagged, now).await?;
    // The current file is the one the reviewer returned unless it already replaced that one in
    // this round (a version kept since the return).
    let mut kept_this_round =
        material_version::Entity::find().filter(material_version::Column::MaterialId.eq(old.id.as_str()));
    if let Some(returned_at) = application.decided_at {
        kept_this_round = kept_this_round.filter(material_version::Column::ReplacedAt.gte(returned_at));
    }
    let seen_by_reviewer = kept_this_round.count(&txn).await? == 0;
    if seen_by_reviewer {
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
        .await?;
    }
    let unseen_blob = (!seen_by_reviewer).then(|| old.blob_key.clone());
    let mut row: material::ActiveModel = old.into();
    row.blob_key = Set(new_file.blob_key.clone());
    row.format = Set(new_file.format.file_extension().to_string());
    row.width = Set(new_file.width as i32);
    row.height = Set(new_file.height as i32);
    row.bytes = Set(new_file.bytes as i64);
    row.original_name = Set(new_file.original_name.clone());
    row.created_at = Set(now);
    let updated = row.update(&txn).await?;
    // What the assistant read in the file removed (an ID number off a card) goes with it.
    if let Some(key) = &unseen_blob {
        crate::ssr::assistant::picture_assistant::forget(&txn, std::slice::from_ref(key)).await?;
    }
    // Its file goes after the commit: a crash in between leaves an orphan file for the sweep,
    // never a row pointing at nothing.
    Ok(UncommittedRow { txn, row: updated, unnamed_after_commit: unseen_blob })
}

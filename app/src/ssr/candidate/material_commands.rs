//! Changing a draft's pictures: a new row inside a claim on the application (so the category's
//! maximum and a racing submission are settled by the database), deleting, reordering.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, SqlErr};

use crate::domain::record_ids::{ApplicationId, ExamCode, MaterialId, UserId};
use crate::domain::{ApplicationState, Change};
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::{Anyone, Candidate};
use crate::ssr::application::material_queries;
use crate::ssr::candidate::stored_file::StoredFile;
use crate::ssr::candidate::uncommitted_row::UncommittedRow;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::{access::candidate_access, application::application_claim};
use crate::ssr::{entities::material, entities::material_thumbnail, entities::material_version};

/// Where a new picture goes, and the category's maximum to hold it to.
pub struct NewRow {
    pub application_id: ApplicationId,
    pub owner_id: UserId,
    pub exam_code: ExamCode,
    pub category: String,
    pub seq_no: u32,
    pub max_count: Option<u32>,
}

/// Inserts the row inside a claim on the application: the count is taken again there, so two
/// parallel uploads cannot both pass the maximum, and a submission cannot slip in between.
pub async fn insert_new(state: &ServerState, place: NewRow, file: &StoredFile) -> Result<UncommittedRow, AppError> {
    let txn = begin_write(&state.db).await?;
    application_claim::claim(&txn, place.application_id, Change::EditDraft, state.clock.now()).await?;
    if place.max_count.is_some() {
        let stored =
            material_queries::in_category(place.owner_id, &place.exam_code, &place.category).count(&txn).await?;
        let rules = crate::domain::CategoryRules { max_count: place.max_count, ..Default::default() };
        if let Some(violation) = crate::domain::file_verdict::count_violation(&rules, stored as u32) {
            return Err(AppError::FileRefused { violations: vec![violation] });
        }
    }
    let seq_no = place.seq_no;
    let row = material::ActiveModel {
        id: Set(MaterialId(uuid::Uuid::new_v4().to_string())),
        user_id: Set(place.owner_id),
        exam_code: Set(place.exam_code),
        category: Set(place.category),
        seq_no: Set(seq_no as i32),
        blob_key: Set(file.blob_key.clone()),
        format: Set(file.format.file_extension().to_string()),
        width: Set(file.width as i32),
        height: Set(file.height as i32),
        bytes: Set(file.bytes as i64),
        original_name: Set(file.original_name.clone()),
        created_at: Set(state.clock.now()),
        locked_at: Set(None),
    };
    let row = row.insert(&txn).await.map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::SequenceTaken { seq_no },
        _ => crate::ssr::internal("material insert", error),
    })?;
    Ok(UncommittedRow { txn, row, unnamed_after_commit: None })
}

/// Deletes the row first, then the blob: a crash in between leaves an orphan file (harmless,
/// unreachable), never a row pointing at nothing. Anyone may ask: a picture that is not the
/// caller's does not exist to them (404, staff included, who own none), whatever their role.
#[tracing::instrument(skip_all, fields(user = %account.id, material = %material_id))]
pub async fn delete_owned(
    state: &ServerState,
    account: &Caller<Anyone>,
    material_id: &MaterialId,
) -> Result<(), AppError> {
    let row = material_queries::find_owned(state, account.id, material_id).await?;
    let exam = candidate_access::enter(state, &account.as_a::<Candidate>()?, &row.exam_code).await?;
    only_in_draft(exam.writable_application()?)?;
    if row.locked_at.is_some() {
        // In a draft, only a confirmed picture (seed 002's photo) is locked: say that.
        let confirmed = exam.definition.categories.iter().find(|c| c.code == row.category && c.confirmed_once);
        return Err(confirmed.map_or(AppError::Locked, crate::ssr::candidate::photo_confirmation::confirmed_already));
    }
    // Earlier files of the picture go with it (rows in the same transaction, files after).
    let application_id = exam.writable_application()?.id;
    let txn = begin_write(&state.db).await?;
    application_claim::claim(&txn, application_id, Change::EditDraft, state.clock.now()).await?;
    let versions = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.eq(row.id.as_str()))
        .all(&txn)
        .await?;
    material_version::Entity::delete_many()
        .filter(material_version::Column::MaterialId.eq(row.id.as_str()))
        .exec(&txn)
        .await?;
    // Its small copy too (the database would, with the row; the delete does not rest on that).
    material_thumbnail::Entity::delete_by_id(row.id.clone()).exec(&txn).await?;
    material::Entity::delete_by_id(row.id.clone()).exec(&txn).await?;
    let keys: Vec<String> = versions.iter().map(|v| v.blob_key.clone()).chain([row.blob_key.clone()]).collect();
    crate::ssr::assistant::picture_assistant::forget(&txn, &keys).await?;
    txn.commit().await?;
    for key in &keys {
        state.blobs.delete(key).await?;
    }
    Ok(())
}

/// Gives the candidate's pictures in one category the order of `ordered_ids`, numbered 1, 2, 3…
/// (slots keep their meaning: the first id fills slot 1). The ids must be exactly the
/// category's pictures.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code, category = category))]
pub async fn reorder_owned(
    state: &ServerState,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
    category: &str,
    ordered_ids: &[MaterialId],
) -> Result<(), AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    only_in_draft(exam.writable_application()?)?;
    exam.definition.category(category).ok_or(AppError::NotFound)?;
    let rows = material_queries::owned_in_category(state, account.id, exam_code, category).await?;
    let mut given: Vec<&MaterialId> = ordered_ids.iter().collect();
    given.sort();
    given.dedup();
    if given.len() != ordered_ids.len()
        || given.len() != rows.len()
        || !rows.iter().all(|r| ordered_ids.contains(&r.id))
    {
        return Err(AppError::BadRequest("the order must list each picture of the category once".into()));
    }
    if rows.iter().any(|r| r.locked_at.is_some()) {
        return Err(AppError::Locked);
    }
    // Two passes inside one transaction: first out of the way (negative numbers), then into
    // place, so the unique (owner, category, number) index never sees two pictures at once.
    let application_id = exam.writable_application()?.id;
    let txn = begin_write(&state.db).await?;
    application_claim::claim(&txn, application_id, Change::EditDraft, state.clock.now()).await?;
    for pass in [-1i32, 1] {
        for (index, id) in ordered_ids.iter().enumerate() {
            material::Entity::update_many()
                .col_expr(material::Column::SeqNo, sea_orm::sea_query::Expr::value(pass * (index as i32 + 1)))
                .filter(material::Column::Id.eq(id.as_str()))
                .filter(material::Column::UserId.eq(account.id))
                .exec(&txn)
                .await?;
        }
    }
    Ok(txn.commit().await?)
}

/// Deleting and reordering belong to the draft: a returned application replaces flagged pictures
/// in their places and nothing else.
fn only_in_draft(application: &crate::ssr::entities::application::Model) -> Result<(), AppError> {
    match application.state {
        ApplicationState::Returned => Err(AppError::NotUnlocked),
        _ => Ok(()),
    }
}

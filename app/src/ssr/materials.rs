//! A candidate's stored images: upload, list, read and delete, always scoped to their owner.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    SqlErr, TransactionTrait,
};

use super::entities::{material, material_version, user};
use super::location_strip::strip_location;
use super::server_state::ServerState;
use super::upload_check::{check_upload, decode_memory};
use super::{application_claim, candidate_access};
use crate::domain::{judge_image, ImageFormat, ImageVerdict};
use crate::domain::{ApplicationState, Change};
use crate::error::AppError;
use crate::models::candidate::MaterialView;

/// The largest sequence number a candidate may type.
pub const MAX_SEQ_NO: u32 = 999;

pub struct NewUpload {
    pub exam_code: String,
    pub category: String,
    pub seq_no: u32,
    pub original_name: String,
    pub bytes: Vec<u8>,
    /// The image this one replaces (same category and place), e.g. after a return for revision.
    pub replaces: Option<String>,
}

/// Checks the upload again from scratch, writes the cleaned bytes durably, then records them.
/// A failure at any step leaves neither a blob nor a row behind.
pub async fn store_upload(
    state: &ServerState,
    account: &user::Model,
    upload: NewUpload,
) -> Result<MaterialView, AppError> {
    let owner_id = account.id;
    let exam = candidate_access::enter(state, account, &upload.exam_code).await?;
    let application = exam.writable_application()?;
    let category = exam.definition.category(&upload.category).ok_or(AppError::NotFound)?;
    let existing = owned_in_category(state, owner_id, &upload.exam_code, &upload.category).await?;
    let returned = application.state == ApplicationState::Returned;
    let replacing = match &upload.replaces {
        // Replacing in place is for what a reviewer unlocked; a draft deletes and uploads anew,
        // so old files are never piled up as versions nobody will look at.
        Some(id) => {
            let old = existing.iter().find(|m| &m.id == id).ok_or(AppError::NotFound)?;
            if old.locked_at.is_some() || !returned {
                return Err(AppError::NotUnlocked);
            }
            Some(old.clone())
        }
        // A returned application only replaces what the reviewer opened.
        None if returned => return Err(AppError::NotUnlocked),
        None => {
            check_seq_no(category, upload.seq_no)?;
            if existing.iter().any(|m| m.seq_no as u32 == upload.seq_no) {
                return Err(AppError::SequenceTaken { seq_no: upload.seq_no });
            }
            None
        }
    };

    let rules = category.rules.clone();
    // A replacement takes the old image's place, so it does not count against the maximum.
    let already = existing.len() as u32 - u32::from(replacing.is_some());
    // The header alone tells how much memory the full decode needs; it is reserved first.
    let needed = judge_image(&upload.bytes, &rules, already).facts.as_ref().map(decode_memory).unwrap_or(0);
    let reservation = state.decode_budget.reserve(needed).await?;
    let (verdict, bytes) =
        tokio::task::spawn_blocking(move || (check_upload(&upload.bytes, &rules, already), upload.bytes))
            .await
            .map_err(|e| super::internal("upload check task", e))?;
    drop(reservation);
    let facts = match verdict {
        ImageVerdict { facts: Some(facts), violations, .. } if violations.is_empty() => facts,
        ImageVerdict { violations, .. } => return Err(AppError::FileRefused { violations }),
    };
    let cleaned = strip_location(bytes, &facts).map_err(|e| super::internal("metadata strip", e))?;

    let blob_key = format!("{}.{}", uuid::Uuid::new_v4(), facts.format.file_extension());
    state.blobs.put(&blob_key, &cleaned).await.map_err(|e| super::internal("blob write", e))?;
    let stored = StoredFile {
        blob_key: blob_key.clone(),
        format: facts.format,
        width: facts.width(),
        height: facts.height(),
        bytes: cleaned.len() as u64,
        original_name: clean_file_name(&upload.original_name),
    };
    let outcome = match replacing {
        Some(old) => super::replacements::replace(state, application, old, &stored, state.clock.now()).await,
        None => {
            insert_new(
                state,
                NewRow {
                    application_id: application.id,
                    owner_id,
                    exam_code: upload.exam_code,
                    category: upload.category,
                    seq_no: upload.seq_no,
                    max_count: category.rules.max_count,
                },
                &stored,
            )
            .await
        }
    };
    if outcome.is_err() {
        if let Err(e) = state.blobs.delete(&blob_key).await {
            tracing::error!(%e, blob_key, "could not remove blob after failed insert");
        }
    }
    outcome.map(|row| view_of(&row))
}

/// A checked, cleaned file already written to the blob store.
pub struct StoredFile {
    pub blob_key: String,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub original_name: String,
}

/// Where a new image goes, and the category's maximum to hold it to.
struct NewRow {
    application_id: i32,
    owner_id: i32,
    exam_code: String,
    category: String,
    seq_no: u32,
    max_count: Option<u32>,
}

/// Inserts the row inside a claim on the application: the count is taken again there, so two
/// parallel uploads cannot both pass the maximum, and a submission cannot slip in between.
async fn insert_new(state: &ServerState, place: NewRow, file: &StoredFile) -> Result<material::Model, AppError> {
    let txn = state.db.begin().await.map_err(|e| super::internal("upload begin", e))?;
    application_claim::claim(&txn, place.application_id, Change::EditDraft, state.clock.now()).await?;
    if place.max_count.is_some() {
        let stored = in_category(place.owner_id, &place.exam_code, &place.category)
            .count(&txn)
            .await
            .map_err(|e| super::internal("count", e))?;
        let rules = crate::domain::CategoryRules { max_count: place.max_count, ..Default::default() };
        if let Some(violation) = crate::domain::image_verdict::count_violation(&rules, stored as u32) {
            return Err(AppError::FileRefused { violations: vec![violation] });
        }
    }
    let seq_no = place.seq_no;
    let row = material::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
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
        created_at: Set(Utc::now()),
        locked_at: Set(None),
    };
    let row = row.insert(&txn).await.map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::SequenceTaken { seq_no },
        _ => super::internal("material insert", error),
    })?;
    txn.commit().await.map_err(|e| super::internal("upload commit", e))?;
    Ok(row)
}

/// The candidate's images in an exam, by category and sequence number.
pub async fn rows_of(
    db: &DatabaseConnection,
    owner_id: i32,
    exam_code: &str,
) -> Result<Vec<material::Model>, AppError> {
    material::Entity::find()
        .filter(material::Column::UserId.eq(owner_id))
        .filter(material::Column::ExamCode.eq(exam_code))
        .order_by_asc(material::Column::Category)
        .order_by_asc(material::Column::SeqNo)
        .all(db)
        .await
        .map_err(|e| super::internal("material list", e))
}

pub async fn list_for_exam(state: &ServerState, owner_id: i32, exam_code: &str) -> Result<Vec<MaterialView>, AppError> {
    Ok(rows_of(&state.db, owner_id, exam_code).await?.iter().map(view_of).collect())
}

/// The stored bytes and their format, for the owner and for whoever may review the owner's
/// application; anyone else learns nothing.
pub async fn read_for(
    state: &ServerState,
    account: &user::Model,
    material_id: &str,
) -> Result<(ImageFormat, Vec<u8>), AppError> {
    let row = find(&state.db, material_id).await?;
    if row.user_id != account.id {
        super::review_sheet::reviewable_image(&state.db, account, &row).await.map_err(|_| AppError::NotFound)?;
    }
    let bytes = state.blobs.get(&row.blob_key).await.map_err(|e| super::internal("blob read", e))?;
    let bytes = bytes.ok_or_else(|| super::internal("blob missing", &row.blob_key))?;
    Ok((ImageFormat::from_file_extension(&row.format), bytes))
}

/// Deletes the row first, then the blob: a crash in between leaves an orphan file (harmless,
/// unreachable), never a row pointing at nothing.
pub async fn delete_owned(state: &ServerState, account: &user::Model, material_id: &str) -> Result<(), AppError> {
    let row = find_owned(state, account.id, material_id).await?;
    let exam = candidate_access::enter(state, account, &row.exam_code).await?;
    only_in_draft(exam.writable_application()?)?;
    if row.locked_at.is_some() {
        return Err(AppError::Locked);
    }
    // Earlier files of the image go with it (rows in the same transaction, files after).
    let application_id = exam.writable_application()?.id;
    let txn = state.db.begin().await.map_err(|e| super::internal("delete begin", e))?;
    application_claim::claim(&txn, application_id, Change::EditDraft, state.clock.now()).await?;
    let versions = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.eq(row.id.as_str()))
        .all(&txn)
        .await
        .map_err(|e| super::internal("version list", e))?;
    material_version::Entity::delete_many()
        .filter(material_version::Column::MaterialId.eq(row.id.as_str()))
        .exec(&txn)
        .await
        .map_err(|e| super::internal("version delete", e))?;
    material::Entity::delete_by_id(row.id.clone())
        .exec(&txn)
        .await
        .map_err(|e| super::internal("material delete", e))?;
    txn.commit().await.map_err(|e| super::internal("delete commit", e))?;
    for key in versions.iter().map(|v| &v.blob_key).chain([&row.blob_key]) {
        state.blobs.delete(key).await.map_err(|e| super::internal("blob delete", e))?;
    }
    Ok(())
}

/// Gives the candidate's images in one category the order of `ordered_ids`, numbered 1, 2, 3…
/// (slots keep their meaning: the first id fills slot 1). The ids must be exactly the
/// category's images.
pub async fn reorder_owned(
    state: &ServerState,
    account: &user::Model,
    exam_code: &str,
    category: &str,
    ordered_ids: &[String],
) -> Result<(), AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    only_in_draft(exam.writable_application()?)?;
    exam.definition.category(category).ok_or(AppError::NotFound)?;
    let rows = owned_in_category(state, account.id, exam_code, category).await?;
    let mut given: Vec<&String> = ordered_ids.iter().collect();
    given.sort();
    given.dedup();
    if given.len() != ordered_ids.len()
        || given.len() != rows.len()
        || !rows.iter().all(|r| ordered_ids.contains(&r.id))
    {
        return Err(AppError::BadRequest("the order must list each image of the category once".into()));
    }
    if rows.iter().any(|r| r.locked_at.is_some()) {
        return Err(AppError::Locked);
    }
    // Two passes inside one transaction: first out of the way (negative numbers), then into
    // place, so the unique (owner, category, number) index never sees two images at once.
    let application_id = exam.writable_application()?.id;
    let txn = state.db.begin().await.map_err(|e| super::internal("reorder begin", e))?;
    application_claim::claim(&txn, application_id, Change::EditDraft, state.clock.now()).await?;
    for pass in [-1i32, 1] {
        for (index, id) in ordered_ids.iter().enumerate() {
            material::Entity::update_many()
                .col_expr(material::Column::SeqNo, sea_orm::sea_query::Expr::value(pass * (index as i32 + 1)))
                .filter(material::Column::Id.eq(id.as_str()))
                .filter(material::Column::UserId.eq(account.id))
                .exec(&txn)
                .await
                .map_err(|e| super::internal("reorder", e))?;
        }
    }
    txn.commit().await.map_err(|e| super::internal("reorder commit", e))
}

/// Deleting and reordering belong to the draft: a returned application replaces flagged images
/// in their places and nothing else.
fn only_in_draft(application: &super::entities::application::Model) -> Result<(), AppError> {
    match application.state {
        ApplicationState::Returned => Err(AppError::NotUnlocked),
        _ => Ok(()),
    }
}

/// A category with slots has exactly that many places; others accept 1–999.
fn check_seq_no(category: &crate::domain::CategoryDefinition, seq_no: u32) -> Result<(), AppError> {
    let slots = category.slots.len() as u32;
    if slots > 0 && !(1..=slots).contains(&seq_no) {
        let names_zh = category.slots.iter().map(|s| s.name_zh.as_str()).collect::<Vec<_>>().join("、");
        let names_en = category.slots.iter().map(|s| s.name_en.as_str()).collect::<Vec<_>>().join(", ");
        return Err(AppError::invalid_field(
            "seq_no",
            format!("本类只有 {slots} 个位置（{names_zh}），没有第 {seq_no} 个"),
            format!("This category has {slots} places ({names_en}); there is no place {seq_no}"),
        ));
    }
    if !(1..=MAX_SEQ_NO).contains(&seq_no) {
        return Err(AppError::invalid_field(
            "seq_no",
            format!("顺序号应为 1–{MAX_SEQ_NO} 的整数"),
            format!("The sequence number must be a whole number from 1 to {MAX_SEQ_NO}"),
        ));
    }
    Ok(())
}

/// Any image by id, whoever owns it: callers decide who may see it.
pub async fn find(db: &DatabaseConnection, material_id: &str) -> Result<material::Model, AppError> {
    material::Entity::find_by_id(material_id.to_string())
        .one(db)
        .await
        .map_err(|e| super::internal("material lookup", e))?
        .ok_or(AppError::NotFound)
}

async fn find_owned(state: &ServerState, owner_id: i32, material_id: &str) -> Result<material::Model, AppError> {
    material::Entity::find_by_id(material_id.to_string())
        .filter(material::Column::UserId.eq(owner_id))
        .one(&state.db)
        .await
        .map_err(|e| super::internal("material lookup", e))?
        .ok_or(AppError::NotFound)
}

async fn owned_in_category(
    state: &ServerState,
    owner_id: i32,
    exam_code: &str,
    category: &str,
) -> Result<Vec<material::Model>, AppError> {
    in_category(owner_id, exam_code, category).all(&state.db).await.map_err(|e| super::internal("material list", e))
}

fn in_category(owner_id: i32, exam_code: &str, category: &str) -> sea_orm::Select<material::Entity> {
    material::Entity::find()
        .filter(material::Column::UserId.eq(owner_id))
        .filter(material::Column::ExamCode.eq(exam_code))
        .filter(material::Column::Category.eq(category))
}

pub fn view_of(row: &material::Model) -> MaterialView {
    MaterialView {
        id: row.id.clone(),
        category: row.category.clone(),
        seq_no: row.seq_no as u32,
        format: ImageFormat::from_file_extension(&row.format),
        width: row.width as u32,
        height: row.height as u32,
        bytes: row.bytes as u64,
        original_name: row.original_name.clone(),
        uploaded_at: crate::domain::exam_windows::format_utc(&row.created_at),
        locked: row.locked_at.is_some(),
        flag: None,
    }
}

/// The file name as shown back to its owner: no path, no control characters, bounded length.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.is_empty() {
        "image".to_string()
    } else {
        cleaned
    }
}

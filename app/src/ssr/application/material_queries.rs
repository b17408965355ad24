//! Reading a candidate's stored pictures: by owner and exam, by category, by id; and the view of
//! one as its owner sees it. Who may read which is `access::material_access`'s.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::record_ids::{ExamCode, MaterialId, UserId};
use crate::domain::FileFormat;
use crate::error::AppError;
use crate::models::candidate::MaterialView;
use crate::ssr::entities::material;
use crate::ssr::infra::server_state::ServerState;

/// The candidate's pictures in an exam, by category and sequence number.
pub async fn rows_of(
    db: &DatabaseConnection,
    owner_id: UserId,
    exam_code: &ExamCode,
) -> Result<Vec<material::Model>, AppError> {
    Ok(material::Entity::find()
        .filter(material::Column::UserId.eq(owner_id))
        .filter(material::Column::ExamCode.eq(exam_code))
        .order_by_asc(material::Column::Category)
        .order_by_asc(material::Column::SeqNo)
        .all(db)
        .await?)
}

pub async fn list_for_exam(
    state: &ServerState,
    owner_id: UserId,
    exam_code: &ExamCode,
) -> Result<Vec<MaterialView>, AppError> {
    Ok(rows_of(&state.db, owner_id, exam_code).await?.iter().map(view_of).collect())
}

/// Any picture by id, whoever owns it: callers decide who may see it.
pub async fn find(db: &DatabaseConnection, material_id: &MaterialId) -> Result<material::Model, AppError> {
    material::Entity::find_by_id(material_id.to_string()).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn find_owned(
    state: &ServerState,
    owner_id: UserId,
    material_id: &MaterialId,
) -> Result<material::Model, AppError> {
    material::Entity::find_by_id(material_id.to_string())
        .filter(material::Column::UserId.eq(owner_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn owned_in_category(
    state: &ServerState,
    owner_id: UserId,
    exam_code: &ExamCode,
    category: &str,
) -> Result<Vec<material::Model>, AppError> {
    Ok(in_category(owner_id, exam_code, category).all(&state.db).await?)
}

pub fn in_category(owner_id: UserId, exam_code: &ExamCode, category: &str) -> sea_orm::Select<material::Entity> {
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
        format: FileFormat::from_file_extension(&row.format),
        width: row.width as u32,
        height: row.height as u32,
        bytes: row.bytes as u64,
        original_name: row.original_name.clone(),
        uploaded_at: crate::domain::china_time::china_time(row.created_at),
        locked: row.locked_at.is_some(),
        flag: None,
    }
}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ExamCode, MaterialId, UserId};

/// A stored picture. Not `Serialize`: `blob_key` must never leave the server.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "materials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MaterialId,
    pub user_id: UserId,
    pub exam_code: ExamCode,
    pub category: String,
    pub seq_no: i32,
    pub blob_key: String,
    pub format: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
    pub original_name: String,
    pub created_at: DateTimeUtc,
    /// Set when the application is submitted: the picture can no longer be replaced or removed.
    pub locked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

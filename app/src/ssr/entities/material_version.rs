use sea_orm::entity::prelude::*;

use crate::domain::record_ids::MaterialId;

/// The earlier file of a replaced picture, kept for the reviewer's side-by-side comparison.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "material_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub material_id: MaterialId,
    pub blob_key: String,
    pub format: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
    pub original_name: String,
    pub uploaded_at: DateTimeUtc,
    pub replaced_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::MaterialId;

/// A small copy of a stored picture for the candidate's lists (`candidate::material_thumbnails`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "material_thumbnails")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub material_id: MaterialId,
    /// The stored file it was made from.
    pub blob_key: String,
    pub jpeg: Vec<u8>,
    pub made_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

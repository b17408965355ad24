use sea_orm::entity::prelude::*;

/// Two stored pictures of different people whose perceptual hashes are close: kept both ways.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "similar_pictures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub blob_key: String,
    pub other_blob_key: String,
    /// Differing bits of the two hashes.
    pub distance: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// The marks of a picture's paper, small, as the reviewer's assistant took them once to tell two
/// layouts apart (`ssr::assistant::documents_differ`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "picture_page_marks")]
pub struct Model {
    /// The stored file whose paper they are (its finding's `blob_key`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub blob_key: String,
    /// `picture_checks::page_layout::PageMarks::to_stored`.
    pub marks: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

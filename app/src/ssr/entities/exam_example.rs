use sea_orm::entity::prelude::*;

use crate::domain::record_ids::ExamCode;

/// An example picture of an exam, under the file name its definition uses.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "exam_examples")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    #[sea_orm(primary_key, auto_increment = false)]
    pub file: String,
    pub blob_key: String,
    pub format: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

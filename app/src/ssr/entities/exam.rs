use sea_orm::entity::prelude::*;

use crate::domain::record_ids::ExamCode;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "exams")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: ExamCode,
    /// `ExamDefinition` as JSON.
    pub definition: String,
    pub created_at: DateTimeUtc,
    /// The TOML the administrator wrote, comments included, for editing.
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

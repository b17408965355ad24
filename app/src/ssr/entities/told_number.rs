use sea_orm::entity::prelude::*;

use crate::domain::record_ids::ExamCode;

/// When a listed number was first told for an exam, apart from the list's deletable row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "told_numbers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    /// The ID number's keyed hash (`exams::told_numbers::NumberKey`), never the number.
    #[sea_orm(primary_key, auto_increment = false)]
    pub number_key: String,
    pub told_at: DateTimeUtc,
    pub extra_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ExamCode, UserId};

/// An exam's own layout of one document (see `ssr::exams::document_templates`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "document_templates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    /// `DocumentKind::key()`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub document: String,
    pub source: String,
    pub saved_at: DateTimeUtc,
    pub saved_by: UserId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

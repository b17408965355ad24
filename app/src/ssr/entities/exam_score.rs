use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode};

/// One subject's score of one application, as the exam's score sheet was imported (`ssr::admin::exam_scores`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "exam_scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub exam_code: ExamCode,
    pub application_id: ApplicationId,
    pub subject: String,
    /// Points in tenths; none: 缺考.
    pub score_tenths: Option<i32>,
    pub pass_mark_tenths: Option<i32>,
    pub sheet_line: i32,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ExamCode, UserId};

/// When an exam's scores are published to its candidates (`ssr::admin::exam_scores`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "score_releases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    pub publishes_at: DateTimeUtc,
    pub set_by: UserId,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ApplicationState;

/// A line of the candidate's timeline, and a step of the exam's progress history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "application_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: ApplicationId,
    pub exam_code: ExamCode,
    pub at: DateTimeUtc,
    pub state_after: ApplicationState,
    pub message_zh: String,
    pub message_en: String,
    /// Results stay hidden from the candidate until the exam's results time.
    pub visible_from: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

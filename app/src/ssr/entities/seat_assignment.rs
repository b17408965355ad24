use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode};

/// The seat an application was given for its exam (see `domain::admission_ticket`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "seat_assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: ApplicationId,
    pub exam_code: ExamCode,
    pub room_code: String,
    pub seat_no: i32,
    pub ticket_no: String,
    pub assigned_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

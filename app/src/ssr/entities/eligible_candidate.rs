use sea_orm::entity::prelude::*;

use crate::domain::record_ids::ExamCode;

/// One row of an exam's imported eligibility list.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "eligible_candidates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_number: String,
    pub name: String,
    pub imported_at: DateTimeUtc,
    /// The list's mobile number; None: no text can tell them.
    pub mobile: Option<String>,
    /// The outbox row of the latest text telling them they are listed.
    pub notice_outbox_id: Option<i32>,
    /// When the gateway accepted that text: their own days count from this (China) day.
    pub noticed_at: Option<DateTimeUtc>,
    /// Days an administrator added to their own last day.
    pub extra_days: i32,
    /// The 报考类别 and 考区 the registration system named at sign-in (seed 003); None on an
    /// imported row.
    pub category: Option<String>,
    pub area: Option<String>,
    /// Only the registration system's claim put them here: a sign-in whose claim no longer names
    /// the exam (withdrawn there) takes the row away. False for a row the authority's list holds.
    pub from_registration_system: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ExamCode, UserId};

/// A staff account's duty for an exam: review its applications (and its on-site check), or its on-site check only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "reviewer_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: ExamCode,
    pub assigned_at: DateTimeUtc,
    /// `StaffDuty::as_str`: "review" or "on_site".
    pub duty: String,
}

impl Model {
    pub fn duty(&self) -> crate::domain::staff_duty::StaffDuty {
        crate::domain::staff_duty::StaffDuty::from_stored(&self.duty)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

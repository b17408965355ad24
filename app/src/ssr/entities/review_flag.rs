use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ApplicationId, MaterialId, UserId};
use crate::domain::review_decision::ReviewReason;

/// One thing a return for revision asked to change: a picture, or the form (`material_id` empty).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "review_flags")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: ApplicationId,
    pub round: i32,
    pub material_id: Option<MaterialId>,
    pub reason: ReviewReason,
    pub comment: String,
    pub reviewer_id: UserId,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// A self-made account set aside because the registration system vouched for its number's holder.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "set_aside_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub set_aside_user_id: UserId,
    pub vouched_user_id: UserId,
    pub issuer: String,
    pub set_aside_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

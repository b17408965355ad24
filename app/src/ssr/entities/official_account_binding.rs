use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// A candidate's news goes to this follower of the authority's 公众号
/// (`ssr::accounts::official_account_binding`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "official_account_bindings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    #[sea_orm(unique)]
    pub openid: String,
    pub bound_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

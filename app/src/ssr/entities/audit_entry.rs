use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// One line of the append-only audit log.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// Empty for an anonymous actor (a failed login).
    pub actor_id: Option<UserId>,
    /// Name and masked ID number as they were at the time.
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

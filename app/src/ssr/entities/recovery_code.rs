use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// A one-time 忘记密码 code: only its salted hash is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "recovery_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: UserId,
    pub channel: String,
    pub code_hash: String,
    pub salt: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// Attempts made at this code, counted before each comparison (the column's name is older
    /// than that rule); at the limit the code is dead.
    pub failed_attempts: i32,
    /// The limit key of the address that asked for it (`rate_limits::address_key`).
    pub requested_from: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

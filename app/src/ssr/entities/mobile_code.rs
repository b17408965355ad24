use sea_orm::entity::prelude::*;

/// A code texted to a mobile typed at 注册: only its salted hash is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mobile_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mobile: String,
    pub code_hash: String,
    pub salt: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// Attempts made at this code, counted before each comparison; at the limit it is dead.
    pub attempts: i32,
    /// The limit key of the address that asked for it (`rate_limits::address_key`).
    pub requested_from: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

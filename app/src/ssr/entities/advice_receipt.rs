use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// The candidate's browser showed looks advice about a file (`ssr::assistant::advice_receipts`):
/// one row per account and file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "advice_receipts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: UserId,
    /// Hex SHA-256 of the file the advice was about.
    pub sha256: String,
    /// The advice's codes, comma-separated.
    pub codes: String,
    pub shown_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

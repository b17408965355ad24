use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// An in-app notification, shown from `visible_from` on.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: UserId,
    pub created_at: DateTimeUtc,
    pub visible_from: DateTimeUtc,
    pub message_zh: String,
    pub message_en: String,
    /// The page the notification is about.
    pub link: String,
    pub read_at: Option<DateTimeUtc>,
    /// A result held for this exam's results time; moves when that time moves.
    pub held_for_results_of: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

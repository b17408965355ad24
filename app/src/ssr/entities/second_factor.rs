use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;

/// A staff member's authenticator (TOTP): begun at enrolment, confirmed by the first right code.
/// Not `Serialize`: it holds the shared secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "second_factors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: UserId,
    /// Base32, as authenticator apps take it.
    pub secret: String,
    /// None while enrolment waits for its first right code.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The last 30-second step whose code signed someone in; only later steps are taken.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
    /// The China day (YYYY-MM-DD) `wrong_codes` counts; None before the first wrong code.
    pub wrong_codes_on: Option<String>,
    /// Wrong codes typed that day (`second_step`): a wrong code means the password is known.
    pub wrong_codes: i32,
    /// Set when the day's wrong codes reached the cap: nothing is taken until an administrator
    /// resets the second factor.
    pub locked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::domain::record_ids::UserId;
use crate::domain::{IdNumber, IdType, Role};

/// An account. Not `Serialize`: it holds the password hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: UserId,
    #[sea_orm(unique)]
    pub id_number: String,
    pub id_type: String,
    pub name: String,
    pub mobile: String,
    pub password_hash: String,
    pub role: Role,
    /// Where feedback and results are emailed; SMS goes to `mobile`.
    pub email: Option<String>,
    pub created_at: DateTimeUtc,
    /// A session begun under an older generation is no longer signed in.
    pub session_generation: i32,
    /// When the mobile was proved by a code texted to it at sign-up; None: taken as typed.
    pub mobile_verified_at: Option<DateTimeUtc>,
    /// A candidate's document's last valid day as `IdValidity::stored` writes it; None for staff,
    /// for accounts the registration system made, and for those from before it was asked.
    pub id_valid_until: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A released account's ID number starts with this (`RELEASED-<id>-<number>`): the real owner's
/// number is free again, and the old account is kept for its history but can no longer log in.
pub const RELEASED_PREFIX: &str = "RELEASED";

impl Model {
    /// Whether an administrator released this account's ID number to its real owner.
    pub fn is_released(&self) -> bool {
        self.id_number.starts_with(RELEASED_PREFIX)
    }

    /// The account's ID number as pages and logs show it.
    pub fn masked_id_number(&self) -> String {
        let id_type = IdType::from_str_code(&self.id_type).unwrap_or(IdType::Passport);
        IdNumber::parse(id_type, &self.id_number).map(|n| n.masked()).unwrap_or_else(|_| "***".to_string())
    }
}

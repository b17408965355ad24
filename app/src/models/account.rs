//! Accounts as their owners and administrators see them. No hashes, no full ID numbers beyond
//! what an administrator looking one up already typed.

use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// Where a 忘记密码 code is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecoveryChannel {
    Sms,
    Email,
}

impl RecoveryChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryChannel::Sms => "sms",
            RecoveryChannel::Email => "email",
        }
    }
}

/// An account an administrator found by its ID number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i32,
    pub name: String,
    pub id_number_masked: String,
    pub role: Role,
    /// Masked like the ID number: enough to ask the person "is this your phone?".
    pub mobile_masked: String,
    pub has_email: bool,
    pub created_at: String,
}

/// A temporary password set by an administrator, shown to them once to hand over in person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub password: String,
}

/// The signed-in person as pages show them: the ID number masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub id_number_masked: String,
    pub role: Role,
}

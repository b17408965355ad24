//! Accounts as their owners and administrators see them. No hashes, no full ID numbers beyond
//! what an administrator looking one up already typed.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::record_ids::UserId;
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
    pub id: UserId,
    pub name: String,
    pub id_number_masked: String,
    pub role: Role,
    /// Masked like the ID number: enough to ask the person "is this your phone?".
    pub mobile_masked: String,
    pub has_email: bool,
    pub created_at: ChinaTime,
    /// Staff: whether an authenticator is set up (or its enrolment begun); an administrator may
    /// reset it for someone who lost both phone and recovery codes.
    pub second_factor: bool,
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

/// What a right password leads to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SignInStep {
    /// Signed in (candidates, and staff where the installation asks no second factor).
    SignedIn(SessionUser),
    /// Staff: the second step comes next, at `/second-factor`; `enrolled` says whether they type
    /// a code or set up their authenticator first.
    SecondFactor { enrolled: bool },
}

/// The staff member halfway through signing in, as the second step's page greets them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HalfwaySignIn {
    pub name: String,
    pub id_number_masked: String,
    pub enrolled: bool,
}

/// Enrolment: what the authenticator app takes. Sent only to the password-checked owner, and
/// only while enrolment waits for its first code; never again once it is confirmed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorEnrolment {
    /// Base32, in groups of four, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://` address the QR code carries.
    pub otpauth_url: String,
    /// The QR code as an inline SVG drawn by the server.
    pub qr_svg: String,
}

/// The end of the second step: signed in, and what the person must be told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorDone {
    pub user: SessionUser,
    /// At enrolment: the ten recovery codes, shown this once.
    pub new_recovery_codes: Vec<String>,
    /// When a recovery code let them in: how many are left.
    pub recovery_codes_left: Option<u64>,
}

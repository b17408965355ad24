//! Accounts: creating them, the checks signing in asks for (a password tried, and staff's second
//! factor; the sign-in itself is `access::sign_in`), passwords (hashing, changing) and recovery by
//! a one-time code.

pub mod account_store;
pub mod code_hash;
pub mod password;
pub mod password_attempts;
pub mod password_recovery;
pub mod provider_sign_in;
pub mod second_factor;
pub mod second_factor_enrolment;
pub mod second_factor_recovery;
pub mod second_step;
pub mod totp;
pub mod wrong_codes;

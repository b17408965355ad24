//! Accounts: creating them, the checks signing in asks for (a password tried, and staff's second
//! factor; the sign-in itself is `access::sign_in`), passwords (hashing, changing) and recovery by
//! a one-time code; a number claimed from an unverified account by the person the registration
//! system vouches for (`number_claim`).

pub mod account_store;
pub mod code_hash;
pub mod number_claim;
pub mod password;
pub mod password_attempts;
pub mod password_recovery;
pub mod provider_sign_in;
pub mod second_factor;
pub mod second_factor_enrolment;
pub mod second_factor_recovery;
pub mod second_step;
pub mod sign_up_codes;
pub mod totp;
pub mod wrong_codes;

//! Accounts: creating them, signing in, passwords (hashing, changing) and recovery by a one-time
//! code.

pub mod account_store;
pub mod password;
pub mod password_recovery;

//! How one-time codes are kept: SHA-256 of a random salt and the code. A fast hash is enough for
//! codes that are random and short-lived or carry 50 bits (a password needs Argon2); the salt
//! keeps two equal codes from sharing a hash.

use rand::Rng;
use sha2::{Digest, Sha256};

/// A fresh salt for one code.
pub fn new_salt() -> String {
    format!("{:032x}", rand::thread_rng().gen::<u128>())
}

/// The hex digest stored in place of the code.
pub fn salted_hash(salt: &str, code: &str) -> String {
    Sha256::digest(format!("{salt}:{code}")).iter().map(|b| format!("{b:02x}")).collect()
}

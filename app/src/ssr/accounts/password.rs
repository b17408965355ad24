//! argon2id password hashes (PHC strings), computed off the async runtime because hashing is
//! deliberately slow. Each hash takes 19 MiB and a core for a few dozen milliseconds, so only a
//! few run at once: a flood of logins queues here (and is refused after a short wait) instead of
//! exhausting memory on an unbounded blocking pool.

use std::sync::LazyLock;
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Hashes at once: twice the cores of a small server, 8 × 19 MiB at most.
const HASHES_IN_FLIGHT: usize = 8;
/// How long a login waits for a free place before it is told to come back.
const HASH_WAIT: Duration = Duration::from_secs(5);
/// What a refused login is told to wait before trying again.
const BUSY_RETRY_SECS: u64 = 5;

static HASH_PERMITS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(HASHES_IN_FLIGHT));

/// Runs one hashing job once a place is free; `Busy` when none frees up in time.
async fn bounded<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let permit = tokio::time::timeout(HASH_WAIT, HASH_PERMITS.acquire())
        .await
        .map_err(|_| AppError::Busy { retry_after_secs: BUSY_RETRY_SECS })?
        .map_err(|e| crate::ssr::internal("hash permits", e))?;
    let outcome = tokio::task::spawn_blocking(job).await.map_err(|e| crate::ssr::internal("hash task", e));
    drop(permit);
    outcome
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    bounded(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
    })
    .await?
    .map_err(|e| crate::ssr::internal("password hash", e))
}

/// True when `password` matches `phc`. A malformed stored hash never matches.
pub async fn verify_password(password: String, phc: String) -> Result<bool, AppError> {
    bounded(move || {
        PasswordHash::new(&phc)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
}

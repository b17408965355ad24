//! What a failure of the server's own machinery means to the person who asked: storage full
//! (507: nothing was saved, try later), busy or locked (503: nothing was changed, try again
//! shortly), or broken (500). Read from the error the database or the disk gave, so every caller
//! of `ssr::internal` answers alike.

use std::any::Any;

use sea_orm::{DbErr, RuntimeErr};

use crate::error::AppError;

/// Seconds a client waits before retrying after the database was busy.
const BUSY_RETRY_SECS: u64 = 5;

/// The error a person sees for `error`, when it is one of the failures that has a meaning for
/// them; None: an internal error.
pub fn meaning_of(error: &dyn Any) -> Option<AppError> {
    if let Some(io) = error.downcast_ref::<std::io::Error>() {
        return meaning_of_io(io);
    }
    let database = error.downcast_ref::<DbErr>()?;
    let (DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime)) = database else { return None };
    let RuntimeErr::SqlxError(sqlx) = runtime else { return None };
    match sqlx {
        sea_orm::sqlx::Error::Io(io) => meaning_of_io(io),
        sea_orm::sqlx::Error::PoolTimedOut => Some(AppError::Busy { retry_after_secs: BUSY_RETRY_SECS }),
        sea_orm::sqlx::Error::Database(database) => meaning_of_code(database.code()?.as_ref()),
        _ => None,
    }
}

fn meaning_of_io(error: &std::io::Error) -> Option<AppError> {
    // ENOSPC and EDQUOT: no room on the disk or over the quota.
    let full = error.kind() == std::io::ErrorKind::StorageFull
        || error.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(error.raw_os_error(), Some(28 | 122));
    full.then_some(AppError::StorageFull)
}

/// PostgreSQL's SQLSTATEs (five characters) and SQLite's extended result codes (at most four
/// digits), which therefore never collide.
fn meaning_of_code(code: &str) -> Option<AppError> {
    let busy = Some(AppError::Busy { retry_after_secs: BUSY_RETRY_SECS });
    match code {
        "53100" => return Some(AppError::StorageFull), // disk_full
        // lock not available, serialization failure, deadlock, cannot connect now
        "55P03" | "40001" | "40P01" | "57P03" => return busy,
        _ => {}
    }
    if code.len() > 4 {
        return None;
    }
    match code.parse::<i32>().ok()? & 0xff {
        13 => Some(AppError::StorageFull), // SQLITE_FULL
        5 | 6 => busy,                     // SQLITE_BUSY, SQLITE_LOCKED
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_507_and_a_locked_database_is_503() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(meaning_of(&full).map(|e| e.status()), Some(507));
        assert_eq!(meaning_of_code("13").map(|e| e.status()), Some(507));
        assert_eq!(meaning_of_code("53100").map(|e| e.status()), Some(507));
        assert_eq!(meaning_of_code("5").map(|e| e.status()), Some(503));
        assert_eq!(meaning_of_code("517").map(|e| e.status()), Some(503), "SQLITE_BUSY_SNAPSHOT");
        assert_eq!(meaning_of_code("2067"), None, "a unique constraint is not the disk's fault");
        assert_eq!(meaning_of_code("23505"), None, "nor is PostgreSQL's");
        assert_eq!(meaning_of(&"some other failure"), None);
    }
}

//! What a failure of the server's own machinery means to the person who asked: storage full
//! (507: nothing was saved, try later), busy, locked or not answering (503: nothing was changed,
//! try again shortly), or broken (500). Read from the error the database, the disk or the blob
//! store's guard gave, so every caller of `ssr::internal` answers alike.

use std::any::Any;

use sea_orm::{DbErr, RuntimeErr};

use crate::error::AppError;

use super::store_health::{self, StorageUnavailable};

/// Seconds a client waits before retrying after the database was busy.
const BUSY_RETRY_SECS: u64 = 5;
/// Seconds a client waits before retrying after a store did not answer: the stores' breakers ask
/// again after a second, so a short wait finds a store that came back.
pub const STORAGE_RETRY_SECS: u64 = 3;

/// The error a person sees for `error`, when it is one of the failures that has a meaning for
/// them; None: an internal error.
pub fn meaning_of(error: &dyn Any) -> Option<AppError> {
    // A store that did not answer, however the error came (the blob store's guard, the database,
    // the session layer on it): one meaning for them all.
    if store_not_answering(error).is_some() {
        return Some(AppError::Busy { retry_after_secs: STORAGE_RETRY_SECS });
    }
    if let Some(io) = error.downcast_ref::<std::io::Error>() {
        return meaning_of_io(io);
    }
    let database = error.downcast_ref::<DbErr>()?;
    let (DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime)) = database else { return None };
    let RuntimeErr::SqlxError(sqlx) = runtime else { return None };
    match sqlx {
        sea_orm::sqlx::Error::Io(io) => meaning_of_io(io),
        sea_orm::sqlx::Error::Database(database) => meaning_of_code(database.code()?.as_ref()),
        _ => None,
    }
}

/// How the session store begins the text of a database error that is the database not answering
/// (the session layer carries errors as text alone).
pub const SESSION_STORE_UNREACHABLE: &str = "the database does not answer";

/// The store that did not answer, where `error` says one did not: the blob store's guard said so
/// (`store_health::StorageUnavailable`), or the database's connection failed or none came in time
/// (also as the session layer tells it).
pub fn store_not_answering(error: &dyn Any) -> Option<&'static str> {
    if let Some(io) = error.downcast_ref::<std::io::Error>() {
        return io.get_ref()?.downcast_ref::<StorageUnavailable>().map(|gone| gone.store);
    }
    if let Some(tower_sessions::session::Error::Store(tower_sessions::session_store::Error::Backend(text))) =
        error.downcast_ref::<tower_sessions::session::Error>()
    {
        return text.starts_with(SESSION_STORE_UNREACHABLE).then_some(store_health::DATABASE);
    }
    database_unreachable(error.downcast_ref::<DbErr>()?).then_some(store_health::DATABASE)
}

/// No connection came within the pool's deadline, or the one in use broke (the server restarted
/// or went away): not the query's fault, and the same query may work in a moment.
fn database_unreachable(error: &DbErr) -> bool {
    use std::io::ErrorKind::*;
    let sqlx = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(sqlx))
        | DbErr::Exec(RuntimeErr::SqlxError(sqlx))
        | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => sqlx,
        _ => return false,
    };
    match sqlx {
        sea_orm::sqlx::Error::PoolTimedOut | sea_orm::sqlx::Error::PoolClosed | sea_orm::sqlx::Error::WorkerCrashed => {
            true
        }
        sea_orm::sqlx::Error::Io(io) => matches!(
            io.kind(),
            ConnectionRefused
                | ConnectionReset
                | ConnectionAborted
                | NotConnected
                | BrokenPipe
                | UnexpectedEof
                | TimedOut
        ),
        // PostgreSQL shutting down (admin_shutdown, crash_shutdown, cannot_connect_now).
        sea_orm::sqlx::Error::Database(database) => {
            matches!(database.code().as_deref(), Some("57P01" | "57P02" | "57P03"))
        }
        _ => false,
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

    #[test]
    fn a_store_that_does_not_answer_is_503_with_a_short_wait_and_named() {
        let gone = super::super::store_health::unavailable("blobs");
        assert_eq!(meaning_of(&gone), Some(AppError::Busy { retry_after_secs: STORAGE_RETRY_SECS }));
        assert_eq!(store_not_answering(&gone), Some("blobs"));
        let pool = DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout);
        assert_eq!(meaning_of(&pool).map(|e| e.status()), Some(503));
        assert_eq!(store_not_answering(&pool), Some("database"));
        let reset = sea_orm::sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        let reset = DbErr::Query(RuntimeErr::SqlxError(reset));
        assert_eq!(meaning_of(&reset).map(|e| e.status()), Some(503));
        assert_eq!(store_not_answering(&std::io::Error::other("a disk's own failure")), None);
        assert_eq!(store_not_answering(&DbErr::RecordNotFound("x".into())), None);
    }
}

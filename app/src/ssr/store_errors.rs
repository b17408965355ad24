//! The database's and the stores' errors become the error a person sees by `?`, exactly as
//! `ssr::internal` makes them (storage full 507, busy 503, else 500 with the request's reference),
//! instead of a `map_err` at each of several hundred calls. The log line's context is the place of
//! the `?` (file and line, through `#[track_caller]`), which a support engineer finds faster than
//! the short labels each `map_err` used to give.

use std::panic::Location;

use crate::error::AppError;

/// The context a failure is logged with: where in the code it was met.
fn place(at: &Location<'_>) -> String {
    format!("{}:{}", at.file(), at.line())
}

impl From<sea_orm::DbErr> for AppError {
    #[track_caller]
    fn from(error: sea_orm::DbErr) -> Self {
        crate::ssr::internal(&place(Location::caller()), error)
    }
}

/// The blob store's and the disk's errors (a folder or a bucket behind `BlobStore`).
impl From<std::io::Error> for AppError {
    #[track_caller]
    fn from(error: std::io::Error) -> Self {
        crate::ssr::internal(&place(Location::caller()), error)
    }
}

/// The session store's (the sessions live in the database).
impl From<tower_sessions::session::Error> for AppError {
    #[track_caller]
    fn from(error: tower_sessions::session::Error) -> Self {
        crate::ssr::internal(&place(Location::caller()), error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_that_failed() -> Result<(), AppError> {
        Err(sea_orm::DbErr::Custom("no such table: materials".into()))?;
        Ok(())
    }

    #[test]
    fn a_database_error_is_internal_and_its_text_never_reaches_the_person() {
        let error = query_that_failed().unwrap_err();
        assert_eq!(error, AppError::Internal);
        assert!(!error.message_en().contains("materials"));
    }

    #[test]
    fn a_full_disk_is_said_as_such() {
        fn write_that_failed() -> Result<(), AppError> {
            Err(std::io::Error::from_raw_os_error(28))?;
            Ok(())
        }
        assert_eq!(write_that_failed(), Err(AppError::StorageFull));
    }
}

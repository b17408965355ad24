//! Server-only code inside the shared crate, compiled only with the `ssr` feature so the WASM
//! client cannot even name it. Rooms by audience (candidate, review, admin, messaging) over the
//! shared record (application, exams, accounts) and the rules of who may do what (access), with
//! infrastructure beneath; imports run from the audiences down, never back up
//! (docs/architecture.md draws the map).

pub mod access;
pub mod accounts;
pub mod admin;
pub mod application;
pub mod assistant;
pub mod candidate;
pub mod entities;
pub mod exams;
pub mod infra;
pub mod messaging;
pub mod on_site;
pub mod payments;
pub mod review;
pub mod tickets;

pub mod room_rules;
#[cfg(test)]
mod span_rules;

mod store_errors;

pub use infra::server_state::ServerState;

/// Logs a failure of the server's own machinery with its context and returns the error a person
/// sees: storage full (507) or busy (503) where the database or the disk said so
/// (`infra::failure`), else internal (500), with the request's reference when there is one (the
/// log line carries it too, in the request's span). Database and I/O error texts never reach the
/// client.
///
/// A store that does not answer is said once per outage (`infra::store_health`), not per request.
pub fn internal<E: std::fmt::Display + 'static>(context: &str, error: E) -> crate::error::AppError {
    match infra::failure::store_not_answering(&error) {
        // The blob store's guard counted and said it already.
        Some(infra::store_health::BLOBS) => tracing::debug!(%error, "{context}"),
        Some(store) => infra::store_health::failed(store, "query", "error", &format!("{context}: {error}")),
        None => tracing::error!(%error, "{context}"),
    }
    infra::failure::meaning_of(&error).unwrap_or_else(|| match infra::request_reference::current() {
        Some(reference) => crate::error::AppError::InternalReported { reference },
        None => crate::error::AppError::Internal,
    })
}

//! Server-only code inside the shared crate, compiled only with the `ssr` feature so the WASM
//! client cannot even name it. Rooms by audience (candidate, review, admin, messaging) over the
//! shared record (application, exams, accounts) and the rules of who may do what (access), with
//! infrastructure beneath; imports run from the audiences down, never back up
//! (docs/architecture.md draws the map).

pub mod access;
pub mod accounts;
pub mod admin;
pub mod application;
pub mod candidate;
pub mod entities;
pub mod exams;
pub mod infra;
pub mod messaging;
pub mod review;

pub use infra::server_state::ServerState;

/// Logs an internal failure with its context and returns the error a person sees. Database
/// and I/O error texts never reach the client.
pub fn internal(context: &str, error: impl std::fmt::Display) -> crate::error::AppError {
    tracing::error!(%error, "{context}");
    crate::error::AppError::Internal
}

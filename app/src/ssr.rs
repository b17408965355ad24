//! Server-only code inside the shared crate: the database, the blob store, passwords and
//! sessions. Compiled only with the `ssr` feature, so the WASM client cannot even name it.

pub mod accounts;
pub mod blob_store;
pub mod entities;
pub mod exams;
pub mod location_strip;
pub mod materials;
pub mod password;
pub mod server_state;
pub mod session_user;
pub mod upload_check;

pub use server_state::ServerState;

/// Logs an internal failure with its context and returns the error a person sees. Database
/// and I/O error texts never reach the client.
pub fn internal(context: &str, error: impl std::fmt::Display) -> crate::error::AppError {
    tracing::error!(%error, "{context}");
    crate::error::AppError::Internal
}

//! Server-only code inside the shared crate: the database, the blob store, passwords and
//! sessions. Compiled only with the `ssr` feature, so the WASM client cannot even name it.

pub mod account_admin;
pub mod accounts;
pub mod admin_rows;
pub mod application_claim;
pub mod applications;
pub mod audit;
pub mod blob_store;
pub mod blob_sweep;
pub mod candidate_access;
pub mod clock;
pub mod decisions;
pub mod decode_budget;
pub mod eligibility;
pub mod entities;
pub mod exam_source;
pub mod exams;
pub mod location_strip;
pub mod materials;
pub mod notifications;
pub mod outbox;
pub mod page_policy;
pub mod password;
pub mod password_recovery;
pub mod presets;
pub mod progress;
pub mod rate_limits;
pub mod replacements;
pub mod results;
pub mod results_timing;
pub mod review_queue;
pub mod review_sheet;
pub mod reviewer_access;
pub mod server_state;
pub mod session_user;
pub mod timeline;
pub mod upload_check;

pub use server_state::ServerState;

/// Logs an internal failure with its context and returns the error a person sees. Database
/// and I/O error texts never reach the client.
pub fn internal(context: &str, error: impl std::fmt::Display) -> crate::error::AppError {
    tracing::error!(%error, "{context}");
    crate::error::AppError::Internal
}

/// Gives a server function's HTTP response the status its error calls for (401, 404, 409, 422…)
/// instead of the blanket 500 server functions otherwise answer with.
pub fn respond<T>(result: Result<T, crate::error::AppError>) -> Result<T, crate::error::AppError> {
    if let Err(error) = &result {
        error.set_response_status();
    }
    result
}

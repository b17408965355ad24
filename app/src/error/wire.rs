//! How the error crosses HTTP: the status each variant stands for, `Retry-After`, and the
//! server functions' encoding, which sets that status itself so no server function can forget.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

use super::AppError;

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn | AppError::BadCredentials => 401,
            AppError::NotFound => 404,
            AppError::Forbidden
            | AppError::NotEligible
            | AppError::NotYetOpen { .. }
            | AppError::UploadClosed { .. }
            | AppError::PledgeRequired => 403,
            AppError::DuplicateIdNumber
            | AppError::SequenceTaken { .. }
            | AppError::Locked
            | AppError::ExamExists { .. }
            | AppError::StaleDecision { .. }
            | AppError::NotUnlocked
            | AppError::ActionInProgress
            | AppError::PaymentRefused { .. } => 409,
            AppError::InvalidField { .. }
            | AppError::FileRefused { .. }
            | AppError::Incomplete { .. }
            | AppError::ExamInvalid { .. }
            | AppError::TemplateInvalid { .. }
            | AppError::DecisionInvalid { .. }
            | AppError::ActionKeyReused => 422,
            AppError::TooLarge { .. } => 413,
            AppError::BadRequest(_) => 400,
            AppError::TooManyRequests { .. } => 429,
            AppError::Busy { .. } => 503,
            AppError::StorageFull => 507,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Seconds the client should wait before trying again (sent as `Retry-After`).
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests { retry_after_secs } | AppError::Busy { retry_after_secs } => {
                Some(*retry_after_secs)
            }
            AppError::ActionInProgress => Some(1),
            _ => None,
        }
    }

    /// Sets the current server function's HTTP status (401, 404, 409, 422, 429…) and
    /// `Retry-After`. Outside a request (a service called from a test) there is nothing to set.
    #[cfg(feature = "ssr")]
    pub fn set_response_status(&self) {
        let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
        if let Ok(status) = http::StatusCode::from_u16(self.status()) {
            options.set_status(status);
        }
        if let Some(seconds) = self.retry_after_secs() {
            options.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A body the server function could not read (not JSON, a missing field, a wrong type) is the
    /// caller's mistake, not the server's: 400, never 500.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => AppError::BadRequest(detail),
            // On the server, a decoding failure can only be the request's arguments (server_fn
            // names it "deserializing … results"); in the browser it is the response, a transport
            // failure.
            ServerFnErrorErr::Deserialization(detail) if cfg!(feature = "ssr") => AppError::BadRequest(detail),
            other => AppError::Transport(other.to_string()),
        }
    }

    /// On the server, the error gives the HTTP response its own status (and `Retry-After`), so
    /// no server function can forget to: this is the one place a status is set.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        self.set_response_status();
        // The same JSON `JsonEncoding` writes; an AppError always serializes.
        leptos::server_fn::Bytes::from(serde_json::to_vec(self).unwrap_or_else(|_| b"\"Internal\"".to_vec()))
    }
}

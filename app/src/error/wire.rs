//! How the error crosses HTTP: the status each variant stands for, `Retry-After`, and the
//! server functions' encoding, which sets that status itself so no server function can forget.
//!
//! Every error is encoded once, where it arises, in the form the request asked for: postcard for
//! the app's pages, which ask with `Accept` and carry no JSON decoder, JSON for curl, scripts and
//! the tests. A server function's error here ([`ErrorWire`]); a guard's or a plain route's in
//! `server::routes::error_response`, with the form the server's outermost layer noted for the
//! request (`server::middleware::error_wire`); an answer kept for a repeated key is given again
//! in the form the repeat asks for.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};

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
            AppError::Internal | AppError::InternalReported { .. } | AppError::Transport(_) => 500,
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

    /// The error as the browser reads it.
    pub fn to_postcard(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_else(|_| vec![])
    }

    /// The error in an answer's body, as the browser receives it. The whole body must be the
    /// error: postcard would read a leading byte of some other text (a proxy's page) as a variant.
    pub fn from_postcard(body: &[u8]) -> Option<AppError> {
        match postcard::take_from_bytes(body) {
            Ok((error, [])) => Some(error),
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

/// The content type the browser asks for (`Accept`) and receives.
pub const POSTCARD: &str = "application/x-postcard";

/// A server function's error in the form the request asked for: postcard for the browser (which
/// asked with `Accept`, see `api::wire`), JSON for anyone else, labelled as such.
pub struct ErrorWire;

impl ContentType for ErrorWire {
    const CONTENT_TYPE: &'static str = POSTCARD;
}

impl FormatType for ErrorWire {
    const FORMAT_TYPE: Format = Format::Binary;
}

impl Encodes<AppError> for ErrorWire {
    type Error = String;

    fn encode(error: &AppError) -> Result<Bytes, String> {
        encode_as_asked(error)
    }
}

impl Decodes<AppError> for ErrorWire {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<AppError, String> {
        AppError::from_postcard(&bytes).ok_or_else(|| "not an error in postcard".to_string())
    }
}

impl FromServerFnError for AppError {
    type Encoder = ErrorWire;

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
        // An AppError always serializes.
        ErrorWire::encode(self).unwrap_or_else(|_| Bytes::from(AppError::Internal.to_postcard()))
    }
}

/// A server function's answer or error in the form the request asked for, labelled as such:
/// postcard for the browser, JSON for anyone else (in the browser, always postcard).
pub fn encode_as_asked<T: serde::Serialize>(value: &T) -> Result<Bytes, String> {
    #[cfg(feature = "ssr")]
    {
        let json = !asked_for_postcard();
        label_answer(json);
        if json {
            return serde_json::to_vec(value).map(Bytes::from).map_err(|e| e.to_string());
        }
    }
    postcard::to_allocvec(value).map(Bytes::from).map_err(|e| e.to_string())
}

/// Whether the request being answered lists postcard in its `Accept`.
#[cfg(feature = "ssr")]
fn asked_for_postcard() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| accepts_postcard(&parts.headers))
}

/// Whether request headers list postcard in `Accept` (server_fn's browser client sends the
/// answer's content type there, and the pending queue does the same): for the server functions' answers
/// and errors, and for the guards' and routes' errors (`server::middleware::error_wire`).
#[cfg(feature = "ssr")]
pub fn accepts_postcard(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains(POSTCARD))
}

/// server_fn labels every answer with the encoding's content type, so a JSON answer says JSON
/// here; and either form says it depends on `Accept`, for any cache between.
#[cfg(feature = "ssr")]
fn label_answer(json: bool) {
    use http::{header, HeaderValue};
    let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
    if json {
        options.insert_header(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    options.append_header(header::VARY, HeaderValue::from_static("accept"));
}

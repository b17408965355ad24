//! A request id the client chose is not the server's: it would become the log span and the
//! reference people read out to support, so one client could make its requests look like
//! another's. The server always draws its own (`x-request-id`); a client's, if sent, is moved to
//! `x-client-request-id` and logged as a field of its own (issue 50).

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};

pub const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-client-request-id");
/// Longer ids are cut: a log field, not a place to store text.
const LONGEST: usize = 64;

pub async fn set_aside_client_request_id(mut request: Request) -> Request {
    let headers = request.headers_mut();
    headers.remove(&CLIENT_REQUEST_ID);
    if let Some(theirs) = headers.remove("x-request-id") {
        let kept = theirs.to_str().unwrap_or("").chars().take(LONGEST).collect::<String>();
        if let Ok(value) = HeaderValue::from_str(&kept) {
            headers.insert(CLIENT_REQUEST_ID, value);
        }
    }
    request
}

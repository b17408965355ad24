//! What the SMS adapters share about talking to a gateway over HTTPS (`outbound_http`, whose
//! time limits end a send well inside the outbox worker's claim on the row): what a failed
//! exchange means for the message. Errors are written without the request's address,
//! whose query (Alibaba Cloud's) carries the number and the template's values.

use super::SendFailure;

/// Sends the request and reads the answer whole. A connection that never opened means nothing
/// left: try again later. Anything after the request may have left (a timeout, a cut
/// connection) means the text may have gone, and is not sent again.
pub async fn exchange(request: reqwest::RequestBuilder) -> Result<(reqwest::StatusCode, String), SendFailure> {
    let response = request.send().await.map_err(|error| {
        let error = error.without_url();
        if error.is_connect() {
            SendFailure::Transient(format!("the gateway could not be reached: {error}"))
        } else if error.is_builder() {
            SendFailure::Permanent(format!("the request could not be made: {error}"))
        } else {
            SendFailure::Unknown(format!("no answer from the gateway ({error}); the text may have been sent"))
        }
    })?;
    let status = response.status();
    let body = response.text().await.map_err(|error| {
        SendFailure::Unknown(format!(
            "the gateway's answer was cut off ({}); the text may have been sent",
            error.without_url()
        ))
    })?;
    Ok((status, body))
}

/// What a gateway's answer means once its code and message are read out: sent when the status
/// is a success and the code the gateway's "accepted"; tried again when the gateway is in
/// trouble (5xx) or the code passes with time (`passing`); otherwise given up. The reason keeps
/// the code, the message and the status, for the outbox's `last_error` and the administrators'
/// list.
pub fn judged(
    status: reqwest::StatusCode,
    code: &str,
    message: &str,
    accepted: &str,
    passing: impl Fn(&str) -> bool,
) -> Result<(), SendFailure> {
    if status.is_success() && code == accepted {
        return Ok(());
    }
    let message: String = message.chars().take(200).collect();
    let reason = format!("{}: {message} (HTTP {})", if code.is_empty() { "no code" } else { code }, status.as_u16());
    if status.is_server_error() || passing(code) {
        Err(SendFailure::Transient(reason))
    } else {
        Err(SendFailure::Permanent(reason))
    }
}

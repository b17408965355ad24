//! The HTTP client Zige calls outside services with (the SMS and payment gateways, the identity
//! provider): rustls, so no system OpenSSL is needed, and short time limits, so a service that
//! hangs holds nothing of Zige's for long (an outbox row's claim, a candidate's click on 去支付,
//! a staff member's refund).
//! It follows no redirect: every address Zige calls is one it was configured with or one a
//! signed answer named, and a redirect would carry the call (and its signed request) somewhere
//! nobody checked. An answer is read only up to a size the caller names.

use std::time::Duration;

/// The longest a call to a gateway may take in all; `outbox_worker` keeps its claim on a row at
/// least this long.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// The most a gateway's file (a day's bill) may weigh: a day of a busy exam's payments is a few
/// MB; more than this is not a bill.
pub const FILE_MAX_BYTES: usize = 64 * 1024 * 1024;

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(CALL_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client with time limits and rustls always builds")
}

/// Why an answer's body was not read.
#[derive(Debug)]
pub enum BodyFailure {
    /// Longer than the limit (said by its length, or found on the way).
    TooLarge(usize),
    /// The connection broke off (the error's words, without the address).
    Cut(String),
}

impl std::fmt::Display for BodyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyFailure::TooLarge(limit) => write!(f, "larger than {limit} bytes"),
            BodyFailure::Cut(error) => write!(f, "cut off ({error})"),
        }
    }
}

/// The answer's body, read in pieces and given up past `limit` bytes, so a gateway (or whoever
/// answers in its place) cannot make Zige hold more than that.
pub async fn body_within(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyFailure> {
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(BodyFailure::TooLarge(limit));
    }
    let mut body = Vec::new();
    let cut = |error: reqwest::Error| BodyFailure::Cut(error.without_url().to_string());
    while let Some(piece) = response.chunk().await.map_err(cut)? {
        if body.len() + piece.len() > limit {
            return Err(BodyFailure::TooLarge(limit));
        }
        body.extend_from_slice(&piece);
    }
    Ok(body)
}

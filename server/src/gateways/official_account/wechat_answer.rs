//! WeChat's answers share one shape: `errcode` (absent or 0 when all went well) and `errmsg`,
//! beside the call's own fields. What an answer means for the call is said here once.

use serde::de::DeserializeOwned;

use crate::gateways::outbound_http::{body_within, BodyFailure};
use crate::gateways::sms::SendFailure;

/// The longest answer read: WeChat's are a few hundred bytes.
const ANSWER_MAX_BYTES: usize = 64 * 1024;

/// `errcode` and `errmsg` of an answer.
#[derive(Debug, serde::Deserialize)]
pub struct ErrorPart {
    #[serde(default)]
    pub errcode: i64,
    #[serde(default)]
    pub errmsg: String,
}

impl ErrorPart {
    /// The code and message, for the outbox's `last_error` and the administrators' list (the
    /// message is WeChat's, which repeats no template value).
    pub fn reason(&self) -> String {
        format!("{}: {}", self.errcode, self.errmsg.chars().take(200).collect::<String>())
    }
}

/// The access token was refused as invalid or expired (another holder refreshed it, or WeChat
/// ended it early): fetched afresh, and the call made again once.
pub fn token_refused(code: i64) -> bool {
    matches!(code, 40001 | 40014 | 42001)
}

/// Codes that pass with time: WeChat busy (-1), a quota or rate limit reached (45009, 45011,
/// 45047).
pub fn passing(code: i64) -> bool {
    matches!(code, -1 | 45009 | 45011 | 45047)
}

/// Sends the request and reads its answer as `T` with its error part. A connection never opened
/// or an answer that never came or was cut off is a passing failure: each message carries its
/// outbox row (id and time) as `client_msg_id`, so WeChat sends a repeated one once.
pub async fn exchange<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<(ErrorPart, T), SendFailure> {
    let response = request
        .send()
        .await
        .map_err(|error| SendFailure::Transient(format!("WeChat could not be reached: {}", error.without_url())))?;
    let status = response.status();
    let body = body_within(response, ANSWER_MAX_BYTES).await.map_err(|failure| match failure {
        BodyFailure::TooLarge(limit) => SendFailure::Permanent(format!("WeChat's answer was over {limit} bytes")),
        BodyFailure::Cut(error) => SendFailure::Transient(format!("WeChat's answer was cut off ({error})")),
    })?;
    if status.is_server_error() {
        return Err(SendFailure::Transient(format!("WeChat answered HTTP {}", status.as_u16())));
    }
    let unreadable = |error: serde_json::Error| {
        SendFailure::Permanent(format!("WeChat's answer (HTTP {}) was not its JSON: {error}", status.as_u16()))
    };
    let error_part: ErrorPart = serde_json::from_slice(&body).map_err(unreadable)?;
    let fields: T = serde_json::from_slice(&body).map_err(unreadable)?;
    Ok((error_part, fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_without_errcode_is_a_success() {
        let part: ErrorPart = serde_json::from_str(r#"{"access_token":"T","expires_in":7200}"#).unwrap();
        assert_eq!(part.errcode, 0);
        let refused: ErrorPart = serde_json::from_str(r#"{"errcode":43004,"errmsg":"require subscribe"}"#).unwrap();
        assert_eq!(refused.reason(), "43004: require subscribe");
        assert!(!passing(43004) && !token_refused(43004));
        assert!(token_refused(42001) && passing(45009));
    }
}

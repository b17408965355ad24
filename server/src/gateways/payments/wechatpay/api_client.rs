//! One signed call to WeChat Pay's API, and what its answer means: a 2xx answer is believed only
//! with the platform's signature; a 4xx is WeChat Pay refusing, in its words (`code`, `message`),
//! and is believed as WeChat Pay's only when signed (a signature that is there must verify);
//! anything else, or no answer, is no answer. A refusal that would change an order (ORDER_NOT_EXIST
//! closes one) is acted on only when signed: an unsigned 404 could come from anyone on the way.
//! Requests name the platform public key in `Wechatpay-Serial` when one is configured, so WeChat
//! Pay signs its answers with it. Errors are written without the request's address.

use app::ssr::infra::payment_gateway::GatewayFailure;
use serde::Deserialize;

use super::answer_signature::{carries_signature, is_signed, SERIAL};
use super::request_signature::authorization;
use super::wechatpay_account::WechatPayAccount;
use crate::gateways::outbound_http::{body_within, FILE_MAX_BYTES};

/// Whether the answer must carry the platform's signature: every answer but the bill's file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    Required,
    NotForFiles,
}

/// Why a call gave no believed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallFailure {
    /// WeChat Pay said no (HTTP 4xx): its code, the whole refusal in words, and whether the
    /// platform's signature was on it.
    Refused {
        code: String,
        reason: String,
        signed: bool,
    },
    Failed(GatewayFailure),
}

impl CallFailure {
    /// The code of a refusal signed by WeChat Pay, the only kind anything is concluded from.
    pub fn signed_code(&self) -> Option<&str> {
        match self {
            CallFailure::Refused { code, signed: true, .. } => Some(code),
            _ => None,
        }
    }
}

impl From<CallFailure> for GatewayFailure {
    fn from(failure: CallFailure) -> GatewayFailure {
        match failure {
            CallFailure::Refused { reason, .. } => GatewayFailure::Refused(reason),
            CallFailure::Failed(failure) => failure,
        }
    }
}

fn unreachable(reason: String) -> CallFailure {
    CallFailure::Failed(GatewayFailure::Unreachable(reason))
}

/// Makes the call; the body of a 2xx answer that is signed as it must be.
pub async fn call(
    client: &reqwest::Client,
    account: &WechatPayAccount,
    method: reqwest::Method,
    address: reqwest::Url,
    body: Option<String>,
    signed: Signed,
) -> Result<Vec<u8>, CallFailure> {
    let path_and_query = match address.query() {
        Some(query) => format!("{}?{query}", address.path()),
        None => address.path().to_string(),
    };
    let timestamp = chrono::Utc::now().timestamp();
    let nonce = uuid::Uuid::new_v4().simple().to_string().to_ascii_uppercase();
    let body_text = body.clone().unwrap_or_default();
    let header = authorization(
        &account.merchant_key,
        &account.merchant_id,
        &account.certificate_serial,
        (method.as_str(), &path_and_query, timestamp, &nonce, &body_text),
    );
    let mut request = client
        .request(method, address)
        .header("authorization", header)
        .header("accept", "application/json")
        .header("user-agent", concat!("Zige/", env!("CARGO_PKG_VERSION")));
    if let Some(id) = account.platform.public_key_id() {
        request = request.header(SERIAL, id);
    }
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body);
    }
    let response =
        request.send().await.map_err(|e| unreachable(format!("WeChat Pay did not answer: {}", e.without_url())))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = body_within(response, FILE_MAX_BYTES)
        .await
        .map_err(|e| unreachable(format!("WeChat Pay's answer was not read: {e}")))?;
    let believed = || is_signed(&account.platform, &headers, &body, chrono::Utc::now());
    if status.is_client_error() {
        // A signature that is there and does not verify is someone else's answer.
        let signed = carries_signature(&headers) && believed();
        if carries_signature(&headers) && !signed {
            return Err(unreachable("WeChat Pay's refusal carried a signature that did not verify".into()));
        }
        let (code, reason) = refusal(status, &body);
        return Err(CallFailure::Refused { code, reason, signed });
    }
    if !status.is_success() {
        return Err(unreachable(format!("WeChat Pay answered HTTP {}", status.as_u16())));
    }
    if signed == Signed::Required && !believed() {
        return Err(unreachable("WeChat Pay's answer did not carry the platform's signature".into()));
    }
    Ok(body)
}

/// The code, and "ORDER_NOT_EXIST: 订单不存在 (HTTP 404)", from WeChat Pay's error body.
fn refusal(status: reqwest::StatusCode, body: &[u8]) -> (String, String) {
    #[derive(Deserialize)]
    struct Refusal {
        code: Option<String>,
        message: Option<String>,
    }
    let refusal: Option<Refusal> = serde_json::from_slice(body).ok();
    let code = refusal.as_ref().and_then(|r| r.code.clone()).unwrap_or_else(|| "UNKNOWN".into());
    let message: String = refusal.and_then(|r| r.message).unwrap_or_default().chars().take(200).collect();
    let reason = format!("{code}: {message} (HTTP {})", status.as_u16());
    (code, reason)
}

//! One signed call to WeChat Pay's API, and what its answer means: a 2xx answer is believed only
//! with the platform's signature; a 4xx is WeChat Pay refusing, in its words (`code`, `message`);
//! anything else, or no answer, is no answer. Errors are written without the request's address.

use app::ssr::infra::payment_gateway::GatewayFailure;
use serde::Deserialize;

use super::answer_signature::is_signed;
use super::request_signature::authorization;
use super::wechatpay_account::WechatPayAccount;

/// Whether the answer must carry the platform's signature: every answer but the bill's file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    Required,
    NotForFiles,
}

/// Makes the call; the body of a 2xx answer that is signed as it must be.
pub async fn call(
    client: &reqwest::Client,
    account: &WechatPayAccount,
    method: reqwest::Method,
    address: reqwest::Url,
    body: Option<String>,
    signed: Signed,
) -> Result<Vec<u8>, GatewayFailure> {
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
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body);
    }
    let response = request
        .send()
        .await
        .map_err(|e| GatewayFailure::Unreachable(format!("WeChat Pay did not answer: {}", e.without_url())))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|e| GatewayFailure::Unreachable(format!("WeChat Pay's answer was cut off: {}", e.without_url())))?
        .to_vec();
    if status.is_client_error() {
        return Err(GatewayFailure::Refused(refusal(status, &body)));
    }
    if !status.is_success() {
        return Err(GatewayFailure::Unreachable(format!("WeChat Pay answered HTTP {}", status.as_u16())));
    }
    if signed == Signed::Required && !is_signed(&account.platform, &headers, &body, chrono::Utc::now()) {
        return Err(GatewayFailure::Unreachable("WeChat Pay's answer did not carry the platform's signature".into()));
    }
    Ok(body)
}

/// "ORDER_NOT_EXIST: 订单不存在 (HTTP 404)", from WeChat Pay's error body.
fn refusal(status: reqwest::StatusCode, body: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Refusal {
        code: Option<String>,
        message: Option<String>,
    }
    let refusal: Option<Refusal> = serde_json::from_slice(body).ok();
    let code = refusal.as_ref().and_then(|r| r.code.clone()).unwrap_or_else(|| "UNKNOWN".into());
    let message = refusal.and_then(|r| r.message).unwrap_or_default();
    format!("{code}: {message} (HTTP {})", status.as_u16())
}

/// The error code of a refusal `call` returned ("ORDER_NOT_EXIST").
pub fn refusal_code(failure: &GatewayFailure) -> Option<&str> {
    match failure {
        GatewayFailure::Refused(reason) => reason.split_once(':').map(|(code, _)| code),
        GatewayFailure::Unreachable(_) => None,
    }
}

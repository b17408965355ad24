//! Alibaba Cloud SMS (阿里云短信服务): `SendSms` of API version 2017-05-25, an RPC-style call whose
//! parameters travel in the query of a POST with an empty body, signed `ACS3-HMAC-SHA256`
//! (`acs3_signature`). Success is `Code: "OK"`; throttling and the service's own trouble are
//! tried again, every other code is given up (dysmsapi's error code list).

use app::ssr::messaging::text_template::TextMessage;
use chrono::Utc;

use super::acs3_signature::{self, SignedParts};
use super::gateway_account::GatewayAccount;
use super::gateway_answer::{exchange, judged};
use super::{OutgoingText, SendFailure, SmsGateway};

pub const PUBLIC_ENDPOINT: &str = "https://dysmsapi.aliyuncs.com";
const ACTION: &str = "SendSms";
const VERSION: &str = "2017-05-25";

pub struct AliyunSms {
    account: GatewayAccount,
    client: reqwest::Client,
}

impl AliyunSms {
    pub fn new(account: GatewayAccount) -> Self {
        Self { account, client: crate::gateways::outbound_http::client() }
    }

    /// The query parameters of one text: the number, the sign, the template and its values as a
    /// JSON object of strings, and the outbox row as `OutId` (it comes back in delivery reports).
    fn query(&self, text: &OutgoingText<'_>, message: &TextMessage, template_code: &str) -> Vec<(String, String)> {
        vec![
            ("PhoneNumbers".into(), text.mobile.to_string()),
            ("SignName".into(), self.account.sign_name.clone()),
            ("TemplateCode".into(), template_code.to_string()),
            ("TemplateParam".into(), message.params_json()),
            ("OutId".into(), format!("zige-outbox-{}", text.outbox_id)),
        ]
    }
}

#[async_trait::async_trait]
impl SmsGateway for AliyunSms {
    async fn send(&self, text: OutgoingText<'_>) -> Result<(), SendFailure> {
        let message = text.template_message()?;
        let template_code = self.account.templates.id_of(message.template)?;
        let query = self.query(&text, message, template_code);
        let body_sha256 = acs3_signature::sha256_hex(b"");
        let headers: Vec<(String, String)> = vec![
            ("host".into(), self.account.host()),
            ("x-acs-action".into(), ACTION.into()),
            ("x-acs-version".into(), VERSION.into()),
            ("x-acs-date".into(), Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            ("x-acs-signature-nonce".into(), uuid::Uuid::new_v4().simple().to_string()),
            ("x-acs-content-sha256".into(), body_sha256.clone()),
        ];
        let parts =
            SignedParts { method: "POST", path: "/", query: &query, headers: &headers, body_sha256: &body_sha256 };
        let authorization = acs3_signature::authorization(&self.account.key_id, self.account.secret.expose(), &parts);
        let mut url = self.account.endpoint.clone();
        url.set_path("/");
        url.set_query(Some(&acs3_signature::canonical_query(&query)));
        // reqwest writes `host` from the address itself; the other signed headers go as signed.
        let mut request = self.client.post(url).header("authorization", authorization);
        for (name, value) in headers.iter().filter(|(name, _)| name != "host") {
            request = request.header(name, value);
        }
        let (status, answer) = exchange(request).await?;
        judge(status, &answer)
    }
}

/// What Alibaba Cloud's answer means. Its body is `{"Code", "Message", "RequestId", "BizId"}`
/// whether it accepted the text or not.
pub fn judge(status: reqwest::StatusCode, answer: &str) -> Result<(), SendFailure> {
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "Code")]
        code: Option<String>,
        #[serde(rename = "Message")]
        message: Option<String>,
    }
    let parsed: Option<Answer> = serde_json::from_str(answer).ok();
    let code = parsed.as_ref().and_then(|a| a.code.clone()).unwrap_or_default();
    let message = parsed.and_then(|a| a.message).unwrap_or_default();
    judged(status, &code, &message, "OK", is_passing)
}

/// Codes that pass with time: flow control (per number, per second, per day) and the service's
/// own trouble. Every other code names something a person must fix.
fn is_passing(code: &str) -> bool {
    code.starts_with("Throttling")
        || matches!(code, "isv.BUSINESS_LIMIT_CONTROL" | "isp.SYSTEM_ERROR" | "InternalError" | "ServiceUnavailable")
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;

    #[test]
    fn ok_is_sent_throttling_waits_and_a_bad_number_is_given_up() {
        let ok = r#"{"Message":"OK","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"OK","BizId":"900619746936498440^0"}"#;
        assert_eq!(judge(StatusCode::OK, ok), Ok(()));
        let limited = r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控Permits:1"}"#;
        assert!(matches!(judge(StatusCode::OK, limited), Err(SendFailure::Transient(_))));
        let throttled = r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#;
        assert!(matches!(judge(StatusCode::BAD_REQUEST, throttled), Err(SendFailure::Transient(_))));
        let bad_number = r#"{"Code":"isv.MOBILE_NUMBER_ILLEGAL","Message":"非法手机号"}"#;
        assert_eq!(
            judge(StatusCode::OK, bad_number),
            Err(SendFailure::Permanent("isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 (HTTP 200)".into()))
        );
        let wrong_key =
            r#"{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}"#;
        assert!(matches!(judge(StatusCode::FORBIDDEN, wrong_key), Err(SendFailure::Permanent(_))));
        assert!(matches!(judge(StatusCode::SERVICE_UNAVAILABLE, "<html>"), Err(SendFailure::Transient(_))));
    }
}

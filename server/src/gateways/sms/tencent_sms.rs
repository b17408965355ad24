//! Tencent Cloud SMS (腾讯云短信): `SendSms` of API version 2021-01-11, a JSON body posted with the
//! `X-TC-*` headers and signed `TC3-HMAC-SHA256` (`tc3_signature`). The request as a whole can
//! fail (`Response.Error`), or the number can (`SendStatusSet[0].Code` other than `Ok`); either
//! code is judged as Tencent Cloud's SMS error list describes it.

use chrono::Utc;
use serde_json::json;

use super::gateway_account::GatewayAccount;
use super::gateway_answer::{exchange, judged};
use super::tc3_signature::{self, SignedParts};
use super::{OutgoingText, SendFailure, SmsGateway};

pub const PUBLIC_ENDPOINT: &str = "https://sms.tencentcloudapi.com";
const SERVICE: &str = "sms";
const ACTION: &str = "SendSms";
const VERSION: &str = "2021-01-11";
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

pub struct TencentSms {
    account: GatewayAccount,
    /// The SMS application (`SmsSdkAppId`) the sign and templates belong to.
    app_id: String,
    /// `ap-guangzhou`, `ap-beijing` or `ap-nanjing`.
    region: String,
    client: reqwest::Client,
}

impl TencentSms {
    pub fn new(account: GatewayAccount, app_id: String, region: String) -> Self {
        Self { account, app_id, region, client: crate::gateways::outbound_http::client() }
    }
}

/// Tencent Cloud wants numbers in E.164; a Chinese mobile as people type it gets +86.
fn e164(mobile: &str) -> String {
    let digits = mobile.trim();
    if digits.starts_with('+') {
        digits.to_string()
    } else {
        format!("+86{}", digits.trim_start_matches("0086"))
    }
}

#[async_trait::async_trait]
impl SmsGateway for TencentSms {
    async fn send(&self, text: OutgoingText<'_>) -> Result<(), SendFailure> {
        let message = text.template_message()?;
        let template_id = self.account.templates.id_of(message.template)?;
        let body = json!({
            "PhoneNumberSet": [e164(text.mobile)],
            "SmsSdkAppId": self.app_id,
            "SignName": self.account.sign_name,
            "TemplateId": template_id,
            "TemplateParamSet": message.values_in_order(),
            "SessionContext": format!("zige-outbox-{}", text.outbox_id),
        })
        .to_string();
        let timestamp = Utc::now().timestamp();
        let signed: Vec<(String, String)> = vec![
            ("content-type".into(), CONTENT_TYPE.into()),
            ("host".into(), self.account.host()),
            ("x-tc-action".into(), ACTION.into()),
        ];
        let parts = SignedParts { method: "POST", path: "/", query: "", headers: &signed, body: body.as_bytes() };
        let authorization = tc3_signature::authorization(
            &self.account.key_id,
            self.account.secret.expose(),
            timestamp,
            SERVICE,
            &parts,
        );
        let mut url = self.account.endpoint.clone();
        url.set_path("/");
        let request = self
            .client
            .post(url)
            .header("authorization", authorization)
            .header("content-type", CONTENT_TYPE)
            .header("x-tc-action", ACTION)
            .header("x-tc-timestamp", timestamp.to_string())
            .header("x-tc-version", VERSION)
            .header("x-tc-region", &self.region)
            .body(body);
        let (status, answer) = exchange(request).await?;
        judge(status, &answer)
    }
}

/// What Tencent Cloud's answer means: `{"Response": {"Error": {"Code", "Message"}}}` when the
/// request failed, `{"Response": {"SendStatusSet": [{"Code", "Message"}]}}` when it was taken.
pub fn judge(status: reqwest::StatusCode, answer: &str) -> Result<(), SendFailure> {
    let parsed: serde_json::Value = serde_json::from_str(answer).unwrap_or_default();
    let response = &parsed["Response"];
    let (code, message) = if response["Error"].is_object() {
        (&response["Error"]["Code"], &response["Error"]["Message"])
    } else {
        (&response["SendStatusSet"][0]["Code"], &response["SendStatusSet"][0]["Message"])
    };
    judged(status, code.as_str().unwrap_or_default(), message.as_str().unwrap_or_default(), "Ok", is_passing)
}

/// Codes that pass with time: request-rate limits, the short per-number limits, and the
/// service's own trouble. Daily limits and every other code need a person (or tomorrow).
fn is_passing(code: &str) -> bool {
    code.starts_with("RequestLimitExceeded")
        || (code.starts_with("InternalError") && code != "InternalError.RequestTimeException")
        || matches!(
            code,
            "LimitExceeded.DeliveryFrequencyLimit"
                | "LimitExceeded.PhoneNumberThirtySecondLimit"
                | "LimitExceeded.PhoneNumberOneHourLimit"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;

    #[test]
    fn ok_is_sent_limits_wait_and_an_unapproved_template_is_given_up() {
        let ok = r#"{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"+8618511122233","Fee":1,"SessionContext":"test","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}"#;
        assert_eq!(judge(StatusCode::OK, ok), Ok(()));
        let limited = r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"请求的次数超过了频率限制。"},"RequestId":"x"}}"#;
        assert!(matches!(judge(StatusCode::OK, limited), Err(SendFailure::Transient(_))));
        let thirty = r#"{"Response":{"SendStatusSet":[{"Code":"LimitExceeded.PhoneNumberThirtySecondLimit","Message":"30秒内"}]}}"#;
        assert!(matches!(judge(StatusCode::OK, thirty), Err(SendFailure::Transient(_))));
        let template = r#"{"Response":{"Error":{"Code":"FailedOperation.TemplateIncorrectOrUnapproved","Message":"模板未审批或内容不匹配。"}}}"#;
        assert_eq!(
            judge(StatusCode::OK, template),
            Err(SendFailure::Permanent(
                "FailedOperation.TemplateIncorrectOrUnapproved: 模板未审批或内容不匹配。 (HTTP 200)".into()
            ))
        );
        let bad_number = r#"{"Response":{"SendStatusSet":[{"Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"手机号格式错误"}]}}"#;
        assert!(matches!(judge(StatusCode::OK, bad_number), Err(SendFailure::Permanent(_))));
        assert!(matches!(judge(StatusCode::BAD_GATEWAY, ""), Err(SendFailure::Transient(_))));
    }

    #[test]
    fn a_chinese_mobile_gets_its_country_code() {
        assert_eq!(e164("13800138000"), "+8613800138000");
        assert_eq!(e164("008613800138000"), "+8613800138000");
        assert_eq!(e164("+8613800138000"), "+8613800138000");
    }
}

//! One call to Alipay's gateway and what its answer may be believed to say. The request is the
//! public parameters and `biz_content`, signed, posted as a UTF-8 form. The answer is believed
//! only once Alipay's key verifies its `_response` object as it arrived: a success without a
//! valid signature is no answer at all. A refusal without a signature is reported as a refusal
//! (Alipay's gateway does not sign every error), but nothing is ever concluded from one.
//! Failures are worded without the gateway's address or any signature.

use app::ssr::infra::payment_gateway::GatewayFailure;
use chrono::Utc;
use serde_json::{Map, Value};

use super::alipay_account::AlipayAccount;
use super::response_content::signed_answer;
use super::sign_content::signed;
use crate::gateways::payments::beijing_time::beijing_time;

pub const SUCCESS: &str = "10000";
pub const NOT_VERIFIED: &str = "answer's signature did not verify";

/// The parameters every request carries (`timestamp` is now, in Beijing).
pub fn public_params(account: &AlipayAccount, method: &str) -> Vec<(String, String)> {
    [
        ("app_id", account.app_id.as_str()),
        ("method", method),
        ("format", "JSON"),
        ("charset", "utf-8"),
        ("sign_type", "RSA2"),
        ("timestamp", &beijing_time(Utc::now())),
        ("version", "1.0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// An answer whose signature verified: the fields of its `_response` object.
#[derive(Debug)]
pub struct Answer(Map<String, Value>);

impl Answer {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(Value::as_str)
    }

    pub fn sub_code(&self) -> &str {
        self.text("sub_code").unwrap_or_default()
    }

    /// The answer when it is a success, else Alipay's refusal in its words.
    pub fn success(self) -> Result<Answer, GatewayFailure> {
        if self.text("code") == Some(SUCCESS) {
            Ok(self)
        } else {
            Err(refusal(&self.0))
        }
    }
}

/// Calls `method` with `biz_content` and reads the answer.
pub async fn call(
    account: &AlipayAccount,
    client: &reqwest::Client,
    method: &str,
    biz_content: &Value,
) -> Result<Answer, GatewayFailure> {
    let mut params = public_params(account, method);
    params.push(("biz_content".into(), biz_content.to_string()));
    let params = signed(params, account.app_key());
    let form = form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish();
    let request = client
        .post(&account.gateway_url)
        .header("content-type", "application/x-www-form-urlencoded;charset=utf-8")
        .body(form);
    let response = request.send().await.map_err(|error| {
        let error = error.without_url();
        if error.is_timeout() {
            GatewayFailure::Unreachable(format!("Alipay did not answer in time ({error})"))
        } else {
            GatewayFailure::Unreachable(format!("Alipay could not be reached: {error}"))
        }
    })?;
    let status = response.status();
    let body = response.text().await.map_err(|error| {
        GatewayFailure::Unreachable(format!("Alipay's answer was cut off ({})", error.without_url()))
    })?;
    judge(account, method, status.as_u16(), &body)
}

/// What an answer to `method` says, once its signature is checked.
pub fn judge(account: &AlipayAccount, method: &str, status: u16, body: &str) -> Result<Answer, GatewayFailure> {
    let not_alipay = || GatewayFailure::Unreachable(format!("the answer was not Alipay's (HTTP {status})"));
    let answer = signed_answer(body, method).ok_or_else(not_alipay)?;
    let fields: Map<String, Value> = serde_json::from_str(answer.content).map_err(|_| not_alipay())?;
    match answer.sign {
        Some(sign) if verifies(account, answer.content, &sign) => Ok(Answer(fields)),
        None if fields.get("code").and_then(Value::as_str) != Some(SUCCESS) => Err(refusal(&fields)),
        _ => Err(GatewayFailure::Unreachable(NOT_VERIFIED.into())),
    }
}

/// Alipay's key over the content as it arrived, or (as Alipay's Java SDK retries) with its `\/`
/// unescaped, for answers signed before the slashes were escaped.
fn verifies(account: &AlipayAccount, content: &str, sign: &str) -> bool {
    account.alipay_signed(content, sign)
        || (content.contains("\\/") && account.alipay_signed(&content.replace("\\/", "/"), sign))
}

/// `sub_code: sub_msg` (or `code: msg` when the gateway gives no sub-code), bounded.
fn refusal(fields: &Map<String, Value>) -> GatewayFailure {
    let text = |key: &str| fields.get(key).and_then(Value::as_str).unwrap_or_default();
    let (code, message) =
        if text("sub_code").is_empty() { (text("code"), text("msg")) } else { (text("sub_code"), text("sub_msg")) };
    let message: String = message.chars().take(200).collect();
    GatewayFailure::Refused(format!("{}: {message}", if code.is_empty() { "no code" } else { code }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};

    const APP_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_key.pem");
    const STANDIN_KEY: &str = include_str!("../../../../tests/fixtures/payments/standin_alipay_key.pem");
    const STANDIN_PUBLIC: &str = include_str!("../../../../tests/fixtures/payments/standin_alipay_public_key.pem");
    const METHOD: &str = "alipay.trade.close";

    fn account() -> AlipayAccount {
        AlipayAccount::new(
            "2021000000000001",
            "2088000000000002",
            MerchantKey::parse(APP_KEY).unwrap(),
            GatewayKey::parse(STANDIN_PUBLIC).unwrap(),
        )
    }

    fn answer(content: &str, key: &str) -> String {
        let sign = MerchantKey::parse(key).unwrap().sign(content.as_bytes());
        format!(r#"{{"alipay_trade_close_response":{content},"sign":"{sign}"}}"#)
    }

    #[test]
    fn a_signed_success_is_believed_and_a_signed_refusal_is_alipay_s_word() {
        let ok = answer(r#"{"code":"10000","msg":"Success","out_trade_no":"ZG1"}"#, STANDIN_KEY);
        assert_eq!(judge(&account(), METHOD, 200, &ok).unwrap().success().unwrap().text("out_trade_no"), Some("ZG1"));
        let no = answer(
            r#"{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在"}"#,
            STANDIN_KEY,
        );
        let refused = judge(&account(), METHOD, 200, &no).unwrap();
        assert_eq!(refused.sub_code(), "ACQ.TRADE_NOT_EXIST");
        assert_eq!(refused.success().unwrap_err(), GatewayFailure::Refused("ACQ.TRADE_NOT_EXIST: 交易不存在".into()));
    }

    #[test]
    fn a_success_signed_by_another_key_or_changed_or_unsigned_is_not_believed() {
        let content = r#"{"code":"10000","msg":"Success"}"#;
        let not_verified = Err(GatewayFailure::Unreachable(NOT_VERIFIED.into()));
        assert_eq!(judge(&account(), METHOD, 200, &answer(content, APP_KEY)).map(|_| ()), not_verified);
        let changed = answer(content, STANDIN_KEY).replace("Success", "Success ");
        assert_eq!(judge(&account(), METHOD, 200, &changed).map(|_| ()), not_verified);
        let unsigned = format!(r#"{{"alipay_trade_close_response":{content}}}"#);
        assert_eq!(judge(&account(), METHOD, 200, &unsigned).map(|_| ()), not_verified);
    }

    #[test]
    fn an_unsigned_gateway_error_is_a_refusal_and_a_strange_body_no_answer() {
        let error = r#"{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature","sub_msg":"验签出错"}}"#;
        assert_eq!(
            judge(&account(), METHOD, 200, error).map(|_| ()),
            Err(GatewayFailure::Refused("isv.invalid-signature: 验签出错".into()))
        );
        let strange = judge(&account(), METHOD, 502, "<html>Bad Gateway</html>").unwrap_err();
        assert_eq!(strange, GatewayFailure::Unreachable("the answer was not Alipay's (HTTP 502)".into()));
    }
}

//! Local stand-ins for Alibaba Cloud's and Tencent Cloud's `SendSms`, which these machines cannot
//! reach. Each checks what its gateway checks, from the request as it arrived: the signature
//! recomputed from the received query, headers and body (a wrong one is refused with the
//! gateway's code), the signed time and (Alibaba Cloud) a nonce used once, the action and
//! version, then the sign, the template and its parameters, and the number; and it answers in the
//! gateway's documented shape. A test scripts the next answers (throttled, refused, silent) and
//! reads what was accepted.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use server::gateways::sms::{acs3_signature, tc3_signature};

pub const KEY_ID: &str = "LTAI5tStandInKeyId";
pub const SECRET: &str = "stand-in-secret-0123456789abcdef";
pub const SIGN_NAME: &str = "资格考试院";
pub const APP_ID: &str = "1400006666";
/// The approved templates and their parameters, as an authority registers them.
pub const TEMPLATES: [(&str, &[&str]); 5] = [
    ("SMS_RECOVERY_1", &["code", "minutes"]),
    ("SMS_RETURNED_2", &["exam"]),
    ("SMS_RESULT_3", &["exam"]),
    ("SMS_LISTED_4", &["exam", "address", "last_day"]),
    ("SMS_SIGN_UP_5", &["code", "minutes"]),
];
/// A well-formed number the gateway knows no phone for.
pub const UNKNOWN_NUMBER: &str = "13900000000";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gateway {
    Aliyun,
    Tencent,
}

/// An answer a test asks for, used once each, before the normal checks' answer.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// The gateway's flow control.
    Throttle,
    /// Reads the request and never answers.
    Silence,
}

/// A text the stand-in accepted (also as JSON on `GET /accepted`, for the browser tests).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Accepted {
    pub phone: String,
    pub template: String,
    /// Name → value (Alibaba Cloud's object; Tencent Cloud's list named by the template).
    pub params: HashMap<String, String>,
    /// `OutId` or `SessionContext`: the outbox row.
    pub reference: String,
}

#[derive(Default)]
struct Ledger {
    scripted: VecDeque<Scripted>,
    accepted: Vec<Accepted>,
    /// The outbox reference (`OutId`, `SessionContext`) of every request that arrived.
    requests: Vec<String>,
    nonces: HashSet<String>,
}

#[derive(Clone)]
struct StandInState {
    gateway: Gateway,
    ledger: Arc<Mutex<Ledger>>,
}

pub struct StandIn {
    pub url: String,
    gateway: Gateway,
    ledger: Arc<Mutex<Ledger>>,
    server: tokio::task::JoinHandle<()>,
}

impl StandIn {
    pub async fn start(gateway: Gateway) -> StandIn {
        StandIn::start_at(gateway, "127.0.0.1:0".parse().unwrap()).await
    }

    pub async fn start_at(gateway: Gateway, address: std::net::SocketAddr) -> StandIn {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let state = StandInState { gateway, ledger: ledger.clone() };
        let router = Router::new().route("/", post(send_sms)).route("/accepted", get(accepted_texts)).with_state(state);
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        StandIn { url, gateway, ledger, server }
    }

    /// An installation texting through this stand-in with the four registered templates, its
    /// secret in a file under `folder`.
    pub fn configure(&self, config: &mut server::config::Config, folder: &std::path::Path) {
        let secret_file = folder.join("sms-secret");
        std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
        config.sms_gateway = if self.gateway == Gateway::Aliyun { "aliyun" } else { "tencent" }.to_string();
        config.sms_endpoint = Some(self.url.clone());
        config.sms_access_key_id = Some(KEY_ID.to_string());
        config.sms_access_key_secret_file = Some(secret_file);
        config.sms_sign_name = Some(SIGN_NAME.to_string());
        config.sms_app_id = Some(APP_ID.to_string());
        let [recovery, returned, result, listed, _] = TEMPLATES.map(|(id, _)| Some(id.to_string()));
        config.sms_template_recovery_code = recovery;
        config.sms_template_review_returned = returned;
        config.sms_template_result_published = result;
        config.sms_template_listed_notice = listed;
    }

    /// As `configure`, and 注册 asks for the code texted to the mobile (`SMS_SIGN_UP_5`).
    pub fn configure_with_sign_up_code(&self, config: &mut server::config::Config, folder: &std::path::Path) {
        self.configure(config, folder);
        config.sms_template_sign_up_code = Some(TEMPLATES[4].0.to_string());
    }

    pub fn script(&self, answer: Scripted) {
        self.ledger.lock().unwrap().scripted.push_back(answer);
    }

    pub fn accepted(&self) -> Vec<Accepted> {
        self.ledger.lock().unwrap().accepted.clone()
    }

    /// How many requests for one outbox row arrived, accepted or not.
    pub fn requests_for(&self, outbox_id: i32) -> usize {
        let reference = format!("zige-outbox-{outbox_id}");
        self.ledger.lock().unwrap().requests.iter().filter(|r| **r == reference).count()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn accepted_texts(State(state): State<StandInState>) -> Json<Vec<Accepted>> {
    Json(state.ledger.lock().unwrap().accepted.clone())
}

/// Why a request is refused: the gateway's code and message, and its HTTP status.
struct Refusal(StatusCode, &'static str, String);

async fn send_sms(
    State(state): State<StandInState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let scripted = {
        let mut ledger = state.ledger.lock().unwrap();
        ledger.requests.push(reference_of(query.as_deref().unwrap_or(""), &body));
        ledger.scripted.pop_front()
    };
    let checked = match state.gateway {
        Gateway::Aliyun => check_aliyun(&state, query.as_deref().unwrap_or(""), &headers, &body),
        Gateway::Tencent => check_tencent(&headers, &body),
    };
    let accepted = match (checked, scripted) {
        (Err(refusal), _) => return refuse(state.gateway, refusal),
        (Ok(_), Some(Scripted::Silence)) => {
            tokio::time::sleep(std::time::Duration::from_secs(30)).await;
            return StatusCode::GATEWAY_TIMEOUT.into_response();
        }
        (Ok(_), Some(Scripted::Throttle)) => {
            let code =
                if state.gateway == Gateway::Aliyun { "isv.BUSINESS_LIMIT_CONTROL" } else { "RequestLimitExceeded" };
            return refuse(state.gateway, Refusal(StatusCode::OK, code, "触发流控 (stand-in)".into()));
        }
        (Ok(accepted), None) => accepted,
    };
    let reference = accepted.reference.clone();
    state.ledger.lock().unwrap().accepted.push(accepted);
    match state.gateway {
        Gateway::Aliyun => Json(json!({
            "Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": reference,
        }))
        .into_response(),
        Gateway::Tencent => Json(json!({ "Response": {
            "SendStatusSet": [{ "SerialNo": "5000:1045710669157053657849499619", "Fee": 1,
                "SessionContext": reference, "Code": "Ok", "Message": "send success", "IsoCode": "CN" }],
            "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279",
        }}))
        .into_response(),
    }
}

/// The outbox row a request is for, wherever its gateway carries it.
fn reference_of(query: &str, body: &[u8]) -> String {
    let from_query = form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "OutId").map(|(_, v)| v.into_owned());
    let from_body = || serde_json::from_slice::<Value>(body).ok()?["SessionContext"].as_str().map(str::to_string);
    from_query.or_else(from_body).unwrap_or_default()
}

fn refuse(gateway: Gateway, Refusal(status, code, message): Refusal) -> Response {
    match gateway {
        Gateway::Aliyun => {
            (status, Json(json!({ "Code": code, "Message": message, "RequestId": "stand-in" }))).into_response()
        }
        Gateway::Tencent if code == "InvalidParameterValue.IncorrectPhoneNumber" => Json(json!({ "Response": {
            "SendStatusSet": [{ "Code": code, "Message": message, "Fee": 0 }], "RequestId": "stand-in",
        }}))
        .into_response(),
        Gateway::Tencent => Json(json!({ "Response": {
            "Error": { "Code": code, "Message": message }, "RequestId": "stand-in",
        }}))
        .into_response(),
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// `Key=value` parts of an Authorization header, after the algorithm.
fn authorization_parts(value: &str, algorithm: &str, separator: &str) -> Option<HashMap<String, String>> {
    let rest = value.strip_prefix(algorithm)?.strip_prefix(' ')?;
    Some(
        rest.split(separator)
            .filter_map(|part| part.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect(),
    )
}

fn template_names(code: &str) -> Option<&'static [&'static str]> {
    TEMPLATES.iter().find(|(id, _)| *id == code).map(|(_, names)| *names)
}

fn check_aliyun(state: &StandInState, query: &str, headers: &HeaderMap, body: &[u8]) -> Result<Accepted, Refusal> {
    let bad_signature = |why: &str| {
        Refusal(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch",
            format!("Specified signature is not matched with our calculation ({why})."),
        )
    };
    let parts = authorization_parts(header(headers, "authorization"), acs3_signature::ALGORITHM, ",")
        .ok_or_else(|| Refusal(StatusCode::BAD_REQUEST, "MissingAuthorization", "no ACS3 authorization".into()))?;
    if parts.get("Credential").map(String::as_str) != Some(KEY_ID) {
        return Err(Refusal(
            StatusCode::NOT_FOUND,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.".into(),
        ));
    }
    let signed_names: Vec<String> =
        parts.get("SignedHeaders").cloned().unwrap_or_default().split(';').map(str::to_string).collect();
    // Every header the documentation says must be signed is.
    for name in headers.keys().map(|n| n.as_str()).filter(|n| n.starts_with("x-acs-")).chain(["host"]) {
        if !signed_names.iter().any(|signed| signed == name) {
            return Err(bad_signature(&format!("{name} is not signed")));
        }
    }
    let body_sha256 = acs3_signature::sha256_hex(body);
    if header(headers, "x-acs-content-sha256") != body_sha256 {
        return Err(bad_signature("x-acs-content-sha256 is not the body's"));
    }
    let signed_headers: Vec<(String, String)> =
        signed_names.iter().map(|name| (name.clone(), header(headers, name).to_string())).collect();
    let query_pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let request = acs3_signature::SignedParts {
        method: "POST",
        path: "/",
        query: &query_pairs,
        headers: &signed_headers,
        body_sha256: &body_sha256,
    };
    let (canonical, _) = acs3_signature::canonical_request(&request);
    if parts.get("Signature").map(String::as_str) != Some(acs3_signature::signature(SECRET, &canonical).as_str()) {
        return Err(bad_signature("signature"));
    }
    let date = chrono::DateTime::parse_from_rfc3339(header(headers, "x-acs-date"))
        .map_err(|_| Refusal(StatusCode::BAD_REQUEST, "InvalidTimeStamp.Format", "x-acs-date".into()))?;
    if (chrono::Utc::now() - date.with_timezone(&chrono::Utc)).num_minutes().abs() > 15 {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            "InvalidTimeStamp.Expired",
            "x-acs-date is too far from now".into(),
        ));
    }
    if !state.ledger.lock().unwrap().nonces.insert(header(headers, "x-acs-signature-nonce").to_string()) {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.".into(),
        ));
    }
    if header(headers, "x-acs-action") != "SendSms" || header(headers, "x-acs-version") != "2017-05-25" {
        return Err(Refusal(StatusCode::BAD_REQUEST, "InvalidAction.NotFound", "Specified api is not found".into()));
    }
    let param = |name: &str| query_pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    if param("SignName") != SIGN_NAME {
        return Err(Refusal(StatusCode::OK, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名".into()));
    }
    let template = param("TemplateCode");
    let names = template_names(&template)
        .ok_or_else(|| Refusal(StatusCode::OK, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板".into()))?;
    let values: HashMap<String, Value> = serde_json::from_str(&param("TemplateParam"))
        .map_err(|_| Refusal(StatusCode::OK, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值".into()))?;
    let mut params = HashMap::new();
    for name in names {
        let value = values.get(*name).and_then(Value::as_str).ok_or_else(|| {
            Refusal(StatusCode::OK, "isv.TEMPLATE_MISSING_PARAMETERS", format!("模板缺少变量 {name}"))
        })?;
        params.insert(name.to_string(), value.to_string());
    }
    let phone = param("PhoneNumbers");
    if phone == UNKNOWN_NUMBER || phone.len() != 11 || !phone.starts_with('1') {
        return Err(Refusal(StatusCode::OK, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号".into()));
    }
    Ok(Accepted { phone, template, params, reference: param("OutId") })
}

fn check_tencent(headers: &HeaderMap, body: &[u8]) -> Result<Accepted, Refusal> {
    let failure = |code: &'static str, message: &str| Refusal(StatusCode::OK, code, message.to_string());
    let parts = authorization_parts(header(headers, "authorization"), tc3_signature::ALGORITHM, ", ")
        .ok_or_else(|| failure("AuthFailure.SignatureFailure", "no TC3 authorization"))?;
    let timestamp: i64 =
        header(headers, "x-tc-timestamp").parse().map_err(|_| failure("MissingParameter", "X-TC-Timestamp"))?;
    if (chrono::Utc::now().timestamp() - timestamp).abs() > 300 {
        return Err(failure("AuthFailure.SignatureExpire", "签名过期"));
    }
    let credential = parts.get("Credential").cloned().unwrap_or_default();
    if credential != format!("{KEY_ID}/{}", tc3_signature::credential_scope(timestamp, "sms")) {
        return Err(failure("AuthFailure.SecretIdNotFound", "密钥不存在或凭证范围不对"));
    }
    let signed_names: Vec<String> =
        parts.get("SignedHeaders").cloned().unwrap_or_default().split(';').map(str::to_string).collect();
    if !["content-type", "host"].iter().all(|needed| signed_names.iter().any(|n| n == needed)) {
        return Err(failure("AuthFailure.SignatureFailure", "content-type and host must be signed"));
    }
    let signed_headers: Vec<(String, String)> =
        signed_names.iter().map(|name| (name.clone(), header(headers, name).to_string())).collect();
    let request = tc3_signature::SignedParts { method: "POST", path: "/", query: "", headers: &signed_headers, body };
    let (canonical, _) = tc3_signature::canonical_request(&request);
    if parts.get("Signature").map(String::as_str)
        != Some(tc3_signature::signature(SECRET, timestamp, "sms", &canonical).as_str())
    {
        return Err(failure("AuthFailure.SignatureFailure", "请求签名验证失败"));
    }
    if header(headers, "x-tc-action") != "SendSms" || header(headers, "x-tc-version") != "2021-01-11" {
        return Err(failure("InvalidAction", "接口不存在"));
    }
    if header(headers, "x-tc-region").is_empty() {
        return Err(failure("MissingParameter", "X-TC-Region"));
    }
    let request: Value = serde_json::from_slice(body).map_err(|_| failure("InvalidParameter", "body is not JSON"))?;
    if request["SmsSdkAppId"] != APP_ID {
        return Err(failure("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId不存在"));
    }
    if request["SignName"] != SIGN_NAME {
        return Err(failure("FailedOperation.SignatureIncorrectOrUnapproved", "签名未审批或格式错误"));
    }
    let template = request["TemplateId"].as_str().unwrap_or_default().to_string();
    let names = template_names(&template)
        .ok_or_else(|| failure("FailedOperation.TemplateIncorrectOrUnapproved", "模板未审批或内容不匹配"))?;
    let values: Vec<String> = request["TemplateParamSet"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<_>>()
        .ok_or_else(|| failure("InvalidParameterValue.TemplateParameterFormatError", "模板参数须为字符串"))?;
    if values.len() != names.len() {
        return Err(failure("InvalidParameterValue.TemplateParameterFormatError", "模板参数个数不匹配"));
    }
    let phone = request["PhoneNumberSet"][0].as_str().unwrap_or_default().to_string();
    let national = phone.strip_prefix("+86").unwrap_or("");
    if national == UNKNOWN_NUMBER || national.len() != 11 || !national.starts_with('1') {
        return Err(failure("InvalidParameterValue.IncorrectPhoneNumber", "手机号格式错误"));
    }
    let params = names.iter().map(|n| n.to_string()).zip(values).collect();
    let reference = request["SessionContext"].as_str().unwrap_or_default().to_string();
    Ok(Accepted { phone, template, params, reference })
}

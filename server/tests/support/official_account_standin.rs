//! A local stand-in for WeChat's 公众号 interfaces, which these machines cannot reach. It checks
//! what WeChat checks and answers in WeChat's documented shapes (`errcode`, `errmsg`):
//! - `POST /cgi-bin/stable_token`: the AppID and AppSecret; the same token while it lives, a new
//!   one when forced or expired;
//! - `GET /connect/oauth2/authorize`: as WeChat's in-app browser with a follower signed in — the
//!   AppID, `response_type=code`, the scope, a `redirect_uri` on the registered domain and the
//!   `#wechat_redirect` page; it sends the browser back with a code and the state;
//! - `GET /sns/oauth2/access_token`: a code it gave, used once, within five minutes;
//! - `POST /cgi-bin/message/template/send`: a live token, a follower, a template of the account's
//!   with exactly its keys, each value within its kind's rule (`thing` ≤ 20 characters, `time` as
//!   "2026年11月30日 09:05"), a link; `client_msg_id` sends a repeat once.
//!
//! A test makes a token expire, a follower unfollow, a visitor a "snapshot" one, and reads what
//! was accepted (also as JSON on `GET /accepted`, for the browser tests).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub const APP_ID: &str = "wx2421b1c4370ec43b";
pub const APP_SECRET: &str = "standin-appsecret-0123456789abcdef";
/// WeChat's own example openid, the follower whose WeChat opens the authorise page.
pub const FOLLOWER: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
/// The account's templates (from WeChat's library) and their keys.
pub const TEMPLATES: [(&str, &[&str]); 2] = [
    ("TPL_REVIEW_RETURNED_9qz", &["thing1", "thing2", "time3"]),
    ("TPL_RESULT_PUBLISHED_4kx", &["thing1", "thing2", "time3"]),
];

/// A template message the stand-in accepted.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AcceptedMessage {
    pub touser: String,
    pub template_id: String,
    pub url: String,
    /// Key → value.
    pub data: HashMap<String, String>,
    pub client_msg_id: String,
}

struct Token {
    value: String,
    until: Instant,
}

struct IssuedCode {
    openid: String,
    at: Instant,
    snapshot: bool,
}

#[derive(Default)]
struct Ledger {
    token: Option<Token>,
    tokens_issued: usize,
    /// The openid whose WeChat opens the authorise page next.
    visitor: Option<String>,
    snapshot_visitor: bool,
    codes: HashMap<String, IssuedCode>,
    used_codes: HashSet<String>,
    /// Who opened the authorise page in their WeChat (`FOLLOWER` always follows).
    followers: HashSet<String>,
    unfollowed: HashSet<String>,
    accepted: Vec<AcceptedMessage>,
    sends: usize,
}

#[derive(Clone)]
struct StandInState {
    ledger: Arc<Mutex<Ledger>>,
    /// The 网页授权域名 the account registered ("127.0.0.1:3000").
    domain: Arc<Mutex<String>>,
}

pub struct OfficialAccountStandIn {
    pub url: String,
    ledger: Arc<Mutex<Ledger>>,
    domain: Arc<Mutex<String>>,
    server: tokio::task::JoinHandle<()>,
}

impl OfficialAccountStandIn {
    pub async fn start() -> OfficialAccountStandIn {
        OfficialAccountStandIn::start_at("127.0.0.1:0".parse().unwrap()).await
    }

    pub async fn start_at(address: std::net::SocketAddr) -> OfficialAccountStandIn {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let domain = Arc::new(Mutex::new(String::new()));
        let state = StandInState { ledger: ledger.clone(), domain: domain.clone() };
        let router = Router::new()
            .route("/cgi-bin/stable_token", post(stable_token))
            .route("/connect/oauth2/authorize", get(authorize))
            .route("/sns/oauth2/access_token", get(code_for_openid))
            .route("/cgi-bin/message/template/send", post(send_template))
            .route("/accepted", get(accepted_messages))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        OfficialAccountStandIn { url, ledger, domain, server }
    }

    /// An installation whose 公众号 is this stand-in, its AppSecret in a file under `folder`;
    /// `public_url` is the site's (its host is the registered authorisation domain).
    pub fn configure(&self, config: &mut server::config::Config, folder: &std::path::Path, public_url: &str) {
        let secret_file = folder.join("official-account-secret");
        std::fs::write(&secret_file, format!("{APP_SECRET}\n")).unwrap();
        let host = reqwest::Url::parse(public_url).unwrap();
        *self.domain.lock().unwrap() =
            format!("{}:{}", host.host_str().unwrap(), host.port_or_known_default().unwrap());
        config.official_account_app_id = Some(APP_ID.to_string());
        config.official_account_secret_file = Some(secret_file);
        config.official_account_api = Some(self.url.clone());
        config.official_account_authorize_url = Some(format!("{}/connect/oauth2/authorize", self.url));
        config.official_account_template_review_returned = Some(TEMPLATES[0].0.to_string());
        config.official_account_template_result_published = Some(TEMPLATES[1].0.to_string());
    }

    /// The next authorise page is opened in `openid`'s WeChat (by default `FOLLOWER`'s).
    pub fn visitor(&self, openid: &str) {
        self.ledger.lock().unwrap().visitor = Some(openid.to_string());
    }

    /// The next visitors open the page as a snapshot from Moments (`is_snapshotuser`).
    pub fn snapshot_visitors(&self) {
        self.ledger.lock().unwrap().snapshot_visitor = true;
    }

    /// WeChat ends the current access token before its time.
    pub fn expire_token(&self) {
        if let Some(token) = self.ledger.lock().unwrap().token.as_mut() {
            token.until = Instant::now();
        }
    }

    pub fn unfollow(&self, openid: &str) {
        self.ledger.lock().unwrap().unfollowed.insert(openid.to_string());
    }

    pub fn accepted(&self) -> Vec<AcceptedMessage> {
        self.ledger.lock().unwrap().accepted.clone()
    }

    pub fn tokens_issued(&self) -> usize {
        self.ledger.lock().unwrap().tokens_issued
    }

    /// Template sends that arrived, accepted or not.
    pub fn sends(&self) -> usize {
        self.ledger.lock().unwrap().sends
    }
}

impl Drop for OfficialAccountStandIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn wechat_error(code: i64, message: &str) -> Response {
    // WeChat answers its refusals with HTTP 200 and the code in the body.
    Json(json!({ "errcode": code, "errmsg": format!("{message} rid: standin") })).into_response()
}

async fn stable_token(State(state): State<StandInState>, body: axum::body::Bytes) -> Response {
    let Ok(asked) = serde_json::from_slice::<Value>(&body) else { return wechat_error(47001, "data format error") };
    if asked["grant_type"] != "client_credential" {
        return wechat_error(40002, "invalid grant_type");
    }
    if asked["appid"] != APP_ID {
        return wechat_error(40013, "invalid appid");
    }
    if asked["secret"] != APP_SECRET {
        return wechat_error(40125, "invalid appsecret");
    }
    let force = asked["force_refresh"].as_bool().unwrap_or(false);
    let mut ledger = state.ledger.lock().unwrap();
    let live = ledger.token.as_ref().is_some_and(|t| Instant::now() < t.until);
    if force || !live {
        ledger.tokens_issued += 1;
        let value = format!("ACCESS_TOKEN_{}_{}", ledger.tokens_issued, uuid::Uuid::new_v4().simple());
        ledger.token = Some(Token { value, until: Instant::now() + Duration::from_secs(7200) });
    }
    let token = ledger.token.as_ref().unwrap();
    let expires_in = token.until.saturating_duration_since(Instant::now()).as_secs();
    Json(json!({ "access_token": token.value, "expires_in": expires_in })).into_response()
}

async fn authorize(State(state): State<StandInState>, Query(query): Query<HashMap<String, String>>) -> Response {
    let param = |name: &str| query.get(name).cloned().unwrap_or_default();
    let page = |words: &str| (StatusCode::OK, Html(format!("<p id=\"wechat-error\">{words}</p>"))).into_response();
    if param("appid") != APP_ID {
        return page("appid 参数错误");
    }
    if param("response_type") != "code" || !["snsapi_base", "snsapi_userinfo"].contains(&param("scope").as_str()) {
        return page("scope 参数错误或没有 scope 权限 (10005)");
    }
    let Ok(redirect) = reqwest::Url::parse(&param("redirect_uri")) else { return page("redirect_uri 参数错误") };
    let domain = format!("{}:{}", redirect.host_str().unwrap_or(""), redirect.port_or_known_default().unwrap_or(0));
    if domain != *state.domain.lock().unwrap() {
        return page("redirect_uri 域名与后台配置不一致 (10003)");
    }
    let mut ledger = state.ledger.lock().unwrap();
    let openid = ledger.visitor.clone().unwrap_or_else(|| FOLLOWER.to_string());
    let code = uuid::Uuid::new_v4().simple().to_string();
    let snapshot = ledger.snapshot_visitor;
    ledger.followers.insert(openid.clone());
    ledger.codes.insert(code.clone(), IssuedCode { openid, at: Instant::now(), snapshot });
    let mut back = redirect;
    back.query_pairs_mut().append_pair("code", &code).append_pair("state", &param("state"));
    Redirect::to(back.as_str()).into_response()
}

async fn code_for_openid(State(state): State<StandInState>, Query(query): Query<HashMap<String, String>>) -> Response {
    let param = |name: &str| query.get(name).cloned().unwrap_or_default();
    if param("appid") != APP_ID {
        return wechat_error(40013, "invalid appid");
    }
    if param("secret") != APP_SECRET {
        return wechat_error(40125, "invalid appsecret");
    }
    if param("grant_type") != "authorization_code" {
        return wechat_error(40002, "invalid grant_type");
    }
    let mut ledger = state.ledger.lock().unwrap();
    let code = param("code");
    if ledger.used_codes.contains(&code) {
        return wechat_error(40163, "code been used");
    }
    let Some(issued) = ledger.codes.remove(&code) else { return wechat_error(40029, "invalid code") };
    ledger.used_codes.insert(code);
    if issued.at.elapsed() > Duration::from_secs(300) {
        return wechat_error(40029, "invalid code");
    }
    let mut answer = json!({
        "access_token": format!("WEB_TOKEN_{}", uuid::Uuid::new_v4().simple()),
        "expires_in": 7200,
        "refresh_token": format!("REFRESH_{}", uuid::Uuid::new_v4().simple()),
        "openid": issued.openid,
        "scope": "snsapi_base",
    });
    if issued.snapshot {
        answer["is_snapshotuser"] = json!(1);
    }
    Json(answer).into_response()
}

async fn send_template(
    State(state): State<StandInState>,
    RawQuery(query): RawQuery,
    body: axum::body::Bytes,
) -> Response {
    let token = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "access_token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let mut ledger = state.ledger.lock().unwrap();
    ledger.sends += 1;
    match ledger.token.as_ref() {
        Some(current) if current.value == token && Instant::now() < current.until => {}
        Some(current) if current.value == token => return wechat_error(42001, "access_token expired"),
        _ => return wechat_error(40001, "invalid credential, access_token is invalid or not latest"),
    }
    let Ok(message) = serde_json::from_slice::<Value>(&body) else { return wechat_error(47001, "data format error") };
    let touser = message["touser"].as_str().unwrap_or("").to_string();
    if touser != FOLLOWER && !ledger.followers.contains(&touser) {
        return wechat_error(40003, "invalid openid");
    }
    if ledger.unfollowed.contains(&touser) {
        return wechat_error(43004, "require subscribe");
    }
    let template_id = message["template_id"].as_str().unwrap_or("");
    let Some((_, keys)) = TEMPLATES.iter().find(|(id, _)| *id == template_id) else {
        return wechat_error(40037, "invalid template_id");
    };
    let Some(data) = message["data"].as_object() else { return wechat_error(47003, "argument invalid! data") };
    let mut values = HashMap::new();
    for key in *keys {
        let Some(value) = data.get(*key).and_then(|v| v["value"].as_str()) else {
            return wechat_error(47003, &format!("argument invalid! data.{key}.value is empty"));
        };
        if let Err(rule) = fits(key, value) {
            return wechat_error(47003, &format!("argument invalid! data.{key}.value {rule}"));
        }
        values.insert(key.to_string(), value.to_string());
    }
    if data.len() != keys.len() {
        return wechat_error(47003, "argument invalid! data has keys the template does not");
    }
    let url = message["url"].as_str().unwrap_or("").to_string();
    if reqwest::Url::parse(&url).is_err() {
        return wechat_error(47003, "argument invalid! url");
    }
    let client_msg_id = message["client_msg_id"].as_str().unwrap_or("").to_string();
    let repeated = !client_msg_id.is_empty()
        && ledger.accepted.iter().any(|m| m.touser == touser && m.client_msg_id == client_msg_id);
    if !repeated {
        ledger.accepted.push(AcceptedMessage {
            touser,
            template_id: template_id.to_string(),
            url,
            data: values,
            client_msg_id,
        });
    }
    Json(json!({ "errcode": 0, "errmsg": "ok", "msgid": 200228332 + ledger.sends })).into_response()
}

/// WeChat's rule for a key's kind (the letters before its number).
fn fits(key: &str, value: &str) -> Result<(), &'static str> {
    let kind = key.trim_end_matches(|c: char| c.is_ascii_digit());
    match kind {
        "thing" if value.chars().count() > 20 => Err("exceeds 20 characters"),
        "thing" if value.is_empty() => Err("is empty"),
        "time" => {
            let well_formed = value.split_once(' ').is_some_and(|(day, clock)| {
                day.contains('年')
                    && day.contains('月')
                    && day.ends_with('日')
                    && clock.len() == 5
                    && clock.as_bytes()[2] == b':'
            });
            if well_formed {
                Ok(())
            } else {
                Err("is not a time")
            }
        }
        _ => Ok(()),
    }
}

async fn accepted_messages(State(state): State<StandInState>) -> Json<Vec<AcceptedMessage>> {
    Json(state.ledger.lock().unwrap().accepted.clone())
}

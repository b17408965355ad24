//! The stand-in's API: each request's signature checked as WeChat Pay documents it, each answer
//! to a request that passed (its refusals included) signed with a platform key: the public key,
//! or, for a merchant moving to it, the certificate unless the request named the public key in
//! `Wechatpay-Serial`. A refusal of the request's signature itself is not signed.

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{
    Signing, Trade, TradeState, WechatPayStandin, APP_ID, CERTIFICATE_KEY_SERIAL, CERTIFICATE_SERIAL, MERCHANT_ID,
    PLATFORM_KEY_ID,
};

/// A request that passed the stand-in's checks, as far as its answer depends on it.
#[derive(Clone, Copy)]
pub struct Asked {
    /// The request named the platform public key in `Wechatpay-Serial`.
    names_public_key: bool,
}

pub fn routes() -> Router<WechatPayStandin> {
    Router::new()
        .route("/v3/pay/transactions/native", post(start))
        .route("/v3/pay/transactions/h5", post(start))
        .route("/v3/pay/transactions/out-trade-no/{no}", get(query))
        .route("/v3/pay/transactions/out-trade-no/{no}/close", post(close))
        .route("/v3/refund/domestic/refunds", post(refund))
        .route("/v3/bill/tradebill", get(bill))
        .route("/v3/billdownload/file", get(bill_file))
}

/// What WeChat Pay checks before reading a request: the scheme, merchant and serial, a fresh
/// timestamp, and the signature over `METHOD\nURI\nTIMESTAMP\nNONCE\nBODY\n` as received.
fn checked(
    standin: &WechatPayStandin,
    method: &Method,
    uri: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Asked, NotRead> {
    {
        let mut books = standin.books.lock().unwrap();
        if books.failing > 0 {
            books.failing -= 1;
            return Err(NotRead(StatusCode::INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", "系统错误"));
        }
        if books.unsigned_not_exist > 0 {
            books.unsigned_not_exist -= 1;
            return Err(NotRead(StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在"));
        }
    }
    let header = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Some(rest) = header.strip_prefix("WECHATPAY2-SHA256-RSA2048 ") else {
        return Err(NotRead(StatusCode::UNAUTHORIZED, "SIGN_ERROR", "签名错误：认证类型不正确"));
    };
    let item = |name: &str| {
        rest.split(',').find_map(|i| i.trim().strip_prefix(&format!("{name}=\"")).and_then(|v| v.strip_suffix('"')))
    };
    let (Some(mchid), Some(nonce), Some(signature), Some(timestamp), Some(serial)) =
        (item("mchid"), item("nonce_str"), item("signature"), item("timestamp"), item("serial_no"))
    else {
        return Err(NotRead(StatusCode::UNAUTHORIZED, "SIGN_ERROR", "签名错误：缺少认证信息"));
    };
    let fresh = timestamp.parse::<i64>().is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() < 300);
    let message = format!("{method}\n{uri}\n{timestamp}\n{nonce}\n{}\n", String::from_utf8_lossy(body));
    if mchid != MERCHANT_ID
        || serial != CERTIFICATE_SERIAL
        || !fresh
        || !standin.keys.merchant.verifies(message.as_bytes(), signature)
    {
        return Err(NotRead(StatusCode::UNAUTHORIZED, "SIGN_ERROR", "签名错误"));
    }
    let named = headers.get("wechatpay-serial").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let mut books = standin.books.lock().unwrap();
    books.calls.push(format!("{method} {}", uri.split('?').next().unwrap_or_default()));
    let names_public_key = named == PLATFORM_KEY_ID;
    books.serials_named.push(named);
    Ok(Asked { names_public_key })
}

/// A request answered before it is read: unsigned, as WeChat Pay answers one it could not
/// authenticate (or as someone in its place answers).
pub struct NotRead(StatusCode, &'static str, &'static str);

impl IntoResponse for NotRead {
    fn into_response(self) -> Response {
        let NotRead(status, code, message) = self;
        (status, axum::Json(json!({ "code": code, "message": message }))).into_response()
    }
}

/// WeChat Pay refusing a request it read: signed, as its other answers are.
fn refusal(standin: &WechatPayStandin, asked: Asked, status: StatusCode, code: &str, message: &str) -> Response {
    signed(standin, asked, status, json!({ "code": code, "message": message }).to_string())
}

/// An answer signed as WeChat Pay signs: `TIMESTAMP\nNONCE\nBODY\n` with a platform key.
pub fn signed(standin: &WechatPayStandin, asked: Asked, status: StatusCode, body: String) -> Response {
    let with_certificate = standin.books.lock().unwrap().signing == Signing::Moving && !asked.names_public_key;
    let (key, serial) = if with_certificate {
        (&standin.keys.certificate, CERTIFICATE_KEY_SERIAL)
    } else {
        (&standin.keys.platform, PLATFORM_KEY_ID)
    };
    let timestamp = chrono::Utc::now().timestamp().to_string();
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let signature = key.sign(format!("{timestamp}\n{nonce}\n{body}\n").as_bytes());
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        ("wechatpay-timestamp", timestamp),
        ("wechatpay-nonce", nonce),
        ("wechatpay-signature", signature),
        ("wechatpay-serial", serial.to_string()),
        ("content-type", "application/json".to_string()),
    ] {
        headers.insert(name, HeaderValue::from_str(&value).unwrap());
    }
    response
}

async fn start(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let asked = match checked(&standin, &method, &uri.to_string(), &headers, &body) {
        Ok(asked) => asked,
        Err(refused) => return refused.into_response(),
    };
    let error = |status, code: &str, message: &str| refusal(&standin, asked, status, code, message);
    let Ok(order) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "PARAM_ERROR", "请求体不是 JSON");
    };
    let out_trade_no = order["out_trade_no"].as_str().unwrap_or_default().to_string();
    let total = order["amount"]["total"].as_u64().unwrap_or_default();
    if order["appid"] != APP_ID || order["mchid"] != MERCHANT_ID {
        return error(StatusCode::BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    }
    if total == 0
        || order["amount"]["currency"] != "CNY"
        || out_trade_no.is_empty()
        || order["notify_url"].as_str().is_none()
    {
        return error(StatusCode::BAD_REQUEST, "PARAM_ERROR", "参数错误");
    }
    let is_h5 = uri.path().ends_with("/h5");
    if is_h5 && order["scene_info"]["payer_client_ip"].as_str().is_none() {
        return error(StatusCode::BAD_REQUEST, "PARAM_ERROR", "缺少 scene_info.payer_client_ip");
    }
    let known_total = standin.trade(&out_trade_no).map(|known| known.total);
    if known_total.is_some_and(|known| known != total) {
        return error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "201 商户订单号重复");
    }
    {
        let mut books = standin.books.lock().unwrap();
        if !books.trades.contains_key(&out_trade_no) {
            books.trades.insert(
                out_trade_no.clone(),
                Trade {
                    out_trade_no: out_trade_no.clone(),
                    total,
                    notify_url: order["notify_url"].as_str().unwrap_or_default().to_string(),
                    state: TradeState::NotPay,
                    transaction_id: format!("4200{}", &uuid::Uuid::new_v4().simple().to_string()[..24]),
                    refund_id: None,
                    refund_no: None,
                    refund_fen: 0,
                    paid_at: None,
                },
            );
        }
    }
    let answer = if is_h5 {
        json!({ "h5_url": format!("{}/cashier/{out_trade_no}?prepay_id=wx{}", standin.url(), &out_trade_no) })
    } else {
        json!({ "code_url": format!("weixin://wxpay/bizpayurl?pr=STANDIN{out_trade_no}") })
    };
    signed(&standin, asked, StatusCode::OK, answer.to_string())
}

/// The transaction as WeChat Pay's query answers it.
pub fn transaction(trade: &Trade) -> Value {
    json!({
        "appid": APP_ID,
        "mchid": MERCHANT_ID,
        "out_trade_no": trade.out_trade_no,
        "transaction_id": trade.transaction_id,
        "trade_type": "NATIVE",
        "trade_state": trade.state.as_str(),
        "trade_state_desc": "",
        "success_time": "2026-11-25T10:34:56+08:00",
        "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        "amount": { "total": trade.total, "payer_total": trade.total, "currency": "CNY", "payer_currency": "CNY" },
    })
}

async fn query(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(no): Path<String>,
) -> Response {
    let asked = match checked(&standin, &method, &uri.to_string(), &headers, b"") {
        Ok(asked) => asked,
        Err(refused) => return refused.into_response(),
    };
    match standin.trade(&no) {
        Some(trade) => signed(&standin, asked, StatusCode::OK, transaction(&trade).to_string()),
        None => refusal(&standin, asked, StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在"),
    }
}

async fn close(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(no): Path<String>,
    body: Bytes,
) -> Response {
    let asked = match checked(&standin, &method, &uri.to_string(), &headers, &body) {
        Ok(asked) => asked,
        Err(refused) => return refused.into_response(),
    };
    let state = standin.trade(&no).map(|t| t.state);
    match state {
        None => refusal(&standin, asked, StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在"),
        Some(TradeState::NotPay) => {
            if let Some(trade) = standin.books.lock().unwrap().trades.get_mut(&no) {
                trade.state = TradeState::Closed;
            }
            signed(&standin, asked, StatusCode::NO_CONTENT, String::new())
        }
        Some(_) => refusal(&standin, asked, StatusCode::BAD_REQUEST, "ORDER_CLOSED", "订单已支付或已关闭"),
    }
}

async fn refund(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let checked_asked = match checked(&standin, &method, &uri.to_string(), &headers, &body) {
        Ok(asked) => asked,
        Err(refused) => return refused.into_response(),
    };
    let error = |status, code: &str, message: &str| refusal(&standin, checked_asked, status, code, message);
    let asked: Value = serde_json::from_slice(&body).unwrap_or_default();
    let no = asked["out_trade_no"].as_str().unwrap_or_default().to_string();
    let refund_no = asked["out_refund_no"].as_str().unwrap_or_default().to_string();
    let refund_fen = asked["amount"]["refund"].as_u64().unwrap_or(0);
    // Decided under the lock, answered after it (a signed answer reads the books too).
    let taken = {
        let mut books = standin.books.lock().unwrap();
        match books.trades.get_mut(&no) {
            None => Err((StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", "订单不存在")),
            // The same refund number again: the same refund, not a second one.
            Some(trade) if trade.refund_no.as_deref() == Some(refund_no.as_str()) => {
                Ok((trade.refund_id.clone().unwrap_or_default(), false))
            }
            Some(trade) if trade.state != TradeState::Success => {
                Err((StatusCode::BAD_REQUEST, "INVALID_REQUEST", "订单未支付或已退款"))
            }
            Some(trade)
                if asked["amount"]["total"].as_u64() != Some(trade.total)
                    || refund_fen == 0
                    || refund_fen > trade.total =>
            {
                Err((StatusCode::BAD_REQUEST, "PARAM_ERROR", "退款金额与订单金额不符"))
            }
            Some(trade) => {
                trade.state = TradeState::Refund;
                trade.refund_no = Some(refund_no.clone());
                trade.refund_fen = refund_fen;
                let id = format!("5030{}", &uuid::Uuid::new_v4().simple().to_string()[..24]);
                trade.refund_id = Some(id.clone());
                Ok((id, true))
            }
        }
    };
    let (refund_id, first_time) = match taken {
        Ok(taken) => taken,
        Err((status, code, message)) => return error(status, code, message),
    };
    // The result follows as a notification, as WeChat Pay's does.
    let held = standin.books.lock().unwrap().refund_results_held;
    if let (true, false, Some(url)) = (first_time, held, asked["notify_url"].as_str()) {
        let notification = standin.refund_notification(&no);
        tokio::spawn({
            let (standin, url) = (standin.clone(), url.to_string());
            async move { standin.deliver(&notification, &url, 1).await }
        });
    }
    let answer = json!({
        "refund_id": refund_id, "out_refund_no": refund_no, "out_trade_no": no,
        "status": "PROCESSING", "amount": asked["amount"],
    });
    signed(&standin, checked_asked, StatusCode::OK, answer.to_string())
}

#[derive(serde::Deserialize)]
struct BillAsked {
    bill_date: String,
}

async fn bill(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(asked): Query<BillAsked>,
) -> Response {
    let checked_asked = match checked(&standin, &method, &uri.to_string(), &headers, b"") {
        Ok(asked) => asked,
        Err(refused) => return refused.into_response(),
    };
    let file = standin.bill_csv(&asked.bill_date);
    let hash = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, file.as_bytes());
    let answer = json!({
        "hash_type": "SHA1",
        "hash_value": hex::encode(hash.as_ref()),
        "download_url": format!("{}/v3/billdownload/file?token={}", standin.url(), asked.bill_date),
    });
    signed(&standin, checked_asked, StatusCode::OK, answer.to_string())
}

async fn bill_file(
    State(standin): State<WechatPayStandin>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(token): Query<HashMapToken>,
) -> Response {
    if let Err(refused) = checked(&standin, &method, &uri.to_string(), &headers, b"") {
        return refused.into_response();
    }
    // As WeChat Pay's: the file itself is not signed.
    (StatusCode::OK, standin.bill_csv(&token.token)).into_response()
}

#[derive(serde::Deserialize)]
struct HashMapToken {
    token: String,
}

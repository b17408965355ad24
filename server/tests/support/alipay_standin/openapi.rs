//! The gateway calls (`POST /gateway.do`): the request is checked as Alipay checks it (a bad one
//! gets the gateway's unsigned `error_response`), kept for the test to read, and answered in
//! Alipay's shape, `{"<method>_response":{…},"sign":"…"}`, signed with the stand-in's Alipay key
//! over the response object as sent, its slashes escaped `\/` as Alipay writes them. A scripted
//! trouble replaces or spoils the answer; `SystemError` leaves the trade as it was, the others
//! act and then lose or spoil the answer.

use app::domain::exam_fee::{parse_yuan, yuan_text};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde_json::{json, Value};
use server::gateways::payments::beijing_time::beijing_time;
use server::gateways::payments::rsa_keys::MerchantKey;

use super::request_check::{checked_params, field};
use super::{notifier, BillTrouble, GatewayRequest, Refund, Shared, StandInState, Trade, TradeState, Trouble, APP_KEY};

pub async fn answer(State(shared): State<StandInState>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let mut params: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    params.extend(form_urlencoded::parse(&body).into_owned());
    let params = match checked_params(&shared, params) {
        Ok(params) => params,
        Err((sub_code, sub_msg)) => return gateway_error(sub_code, sub_msg),
    };
    let method = field(&params, "method").to_string();
    let biz: Value = serde_json::from_str(field(&params, "biz_content")).unwrap_or(Value::Null);
    let trouble = {
        let mut ledger = shared.ledger();
        ledger.requests.push(GatewayRequest { method: method.clone(), biz_content: biz.clone() });
        ledger.troubles.pop_front()
    };
    let fields = if trouble == Some(Trouble::SystemError) {
        json!({ "code": "20000", "msg": "Service Currently Unavailable", "sub_code": "ACQ.SYSTEM_ERROR", "sub_msg": "系统错误" })
    } else {
        let text = |name: &str| biz[name].as_str().unwrap_or_default().to_string();
        match method.as_str() {
            "alipay.trade.query" => query_trade(&shared, &text("out_trade_no")),
            "alipay.trade.close" => close_trade(&shared, &text("out_trade_no")),
            "alipay.trade.refund" => {
                refund_trade(&shared, &text("out_trade_no"), &text("out_request_no"), &text("refund_amount"))
            }
            "alipay.data.dataservice.bill.downloadurl.query" => {
                bill_url(&shared, &text("bill_type"), &text("bill_date"))
            }
            _ => return gateway_error("isv.invalid-method", "不存在的方法名"),
        }
    };
    signed(&shared, &method, &fields, trouble).await
}

/// The gateway's own refusal, before any method is run: unsigned.
fn gateway_error(sub_code: &str, sub_msg: &str) -> Response {
    let body = json!({ "error_response": {
        "code": "40002", "msg": "Invalid Arguments", "sub_code": sub_code, "sub_msg": sub_msg,
    }});
    ([("content-type", "text/html;charset=utf-8")], body.to_string()).into_response()
}

fn failed(sub_code: &str, sub_msg: &str) -> Value {
    json!({ "code": "40004", "msg": "Business Failed", "sub_code": sub_code, "sub_msg": sub_msg })
}

fn not_exist() -> Value {
    failed("ACQ.TRADE_NOT_EXIST", "交易不存在")
}

async fn signed(shared: &Shared, method: &str, fields: &Value, trouble: Option<Trouble>) -> Response {
    let content = fields.to_string().replace('/', "\\/");
    let sign = match trouble {
        Some(Trouble::SignedByAnotherKey) => MerchantKey::parse(APP_KEY).unwrap().sign(content.as_bytes()),
        _ => shared.alipay_key.sign(content.as_bytes()),
    };
    let content = match trouble {
        Some(Trouble::TamperedAfterSigning) => {
            let changed = content.replace("WAIT_BUYER_PAY", "TRADE_SUCCESS");
            format!(r#"{},"changed":"after signing"}}"#, &changed[..changed.len() - 1])
        }
        Some(Trouble::NoAnswer) => {
            tokio::time::sleep(std::time::Duration::from_secs(30)).await;
            return StatusCode::GATEWAY_TIMEOUT.into_response();
        }
        _ => content,
    };
    let body = format!(r#"{{"{}_response":{content},"sign":"{sign}"}}"#, method.replace('.', "_"));
    ([("content-type", "text/html;charset=utf-8")], body).into_response()
}

fn query_trade(shared: &Shared, out_trade_no: &str) -> Value {
    let ledger = shared.ledger();
    let Some(trade) = ledger.trades.get(out_trade_no) else { return not_exist() };
    let status = match trade.state {
        TradeState::Waiting => "WAIT_BUYER_PAY",
        TradeState::Paid => "TRADE_SUCCESS",
        TradeState::Closed => "TRADE_CLOSED",
    };
    let mut answer = json!({
        "code": "10000", "msg": "Success", "out_trade_no": trade.out_trade_no, "trade_status": status,
        "total_amount": yuan_text(trade.amount_fen), "buyer_logon_id": "can***@example.cn",
    });
    if let Some(trade_no) = &trade.trade_no {
        answer["trade_no"] = json!(trade_no);
        answer["buyer_pay_amount"] = json!(yuan_text(trade.amount_fen));
        answer["send_pay_date"] = json!(beijing_time(Utc::now()));
    }
    answer
}

fn close_trade(shared: &Shared, out_trade_no: &str) -> Value {
    let mut ledger = shared.ledger();
    let Some(trade) = ledger.trades.get_mut(out_trade_no) else { return not_exist() };
    match trade.state {
        TradeState::Paid => failed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
        TradeState::Waiting | TradeState::Closed => {
            trade.state = TradeState::Closed;
            json!({ "code": "10000", "msg": "Success", "out_trade_no": out_trade_no })
        }
    }
}

fn refund_trade(shared: &StandInState, out_trade_no: &str, out_request_no: &str, refund_amount: &str) -> Value {
    let out_request_no = if out_request_no.is_empty() { out_trade_no } else { out_request_no };
    let Some(refund_fen) = parse_yuan(refund_amount).filter(|fen| *fen > 0) else {
        return failed("isv.invalid-parameter", "refund_amount 参数无效");
    };
    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    let trade = {
        let mut ledger = shared.ledger();
        let Some(trade) = ledger.trades.get_mut(out_trade_no) else { return not_exist() };
        let refunded: u64 = trade.refunds.iter().map(|r| r.fen).sum();
        if trade.refunds.iter().any(|r| r.out_request_no == out_request_no) {
            return refund_taken(trade, "N");
        }
        match trade.state {
            TradeState::Waiting => return failed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
            TradeState::Closed => return failed("ACQ.TRADE_HAS_CLOSE", "交易已经关闭"),
            TradeState::Paid if refunded + refund_fen > trade.amount_fen => {
                return failed("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限")
            }
            TradeState::Paid => {}
        }
        trade.refunds.push(Refund { out_request_no: out_request_no.into(), fen: refund_fen, on: today });
        if refunded + refund_fen == trade.amount_fen {
            trade.state = TradeState::Closed;
        }
        trade.clone()
    };
    notifier::after_refund(shared, &trade, out_request_no);
    refund_taken(&trade, "Y")
}

/// Alipay's success for a refund: `fund_change` Y when money moved in this call, N when the same
/// `out_request_no` had been refunded before; `refund_fee` is everything refunded so far.
fn refund_taken(trade: &Trade, fund_change: &str) -> Value {
    let refunded: u64 = trade.refunds.iter().map(|r| r.fen).sum();
    json!({ "code": "10000", "msg": "Success", "out_trade_no": trade.out_trade_no, "trade_no": trade.trade_no,
        "buyer_logon_id": "can***@example.cn", "fund_change": fund_change, "refund_fee": yuan_text(refunded),
        "gmt_refund_pay": beijing_time(Utc::now()) })
}

fn bill_url(shared: &Shared, bill_type: &str, bill_date: &str) -> Value {
    if bill_type != "trade" {
        return failed("isv.invalid-parameter", "bill_type 参数无效");
    }
    if NaiveDate::parse_from_str(bill_date, "%Y-%m-%d").is_err() {
        return failed("isv.invalid-parameter", "bill_date 参数无效");
    }
    let (base, path) = match shared.ledger().bill_trouble {
        Some(BillTrouble::OtherHost) => (shared.base_url.replace("127.0.0.1", "localhost"), "bill"),
        Some(BillTrouble::Redirected) => (shared.base_url.clone(), "bill-moved"),
        _ => (shared.base_url.clone(), "bill"),
    };
    let url = format!("{base}/{path}/{bill_date}?downloadFileName={bill_date}.csv.zip&t={}", shared.next_number());
    json!({ "code": "10000", "msg": "Success", "bill_download_url": url })
}

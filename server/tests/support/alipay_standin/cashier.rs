//! The cashier a browser is sent to (`GET /gateway.do?method=alipay.trade.page.pay|wap.pay…`):
//! the request is checked as Alipay checks it, the trade remembered, and a page shows the amount
//! and a button. Pressing it (`POST /cashier/pay`) pays the trade, posts its notification, and
//! sends the browser back to `return_url` with Alipay's signed return parameters.

use app::domain::exam_fee::{parse_yuan, yuan_text};
use axum::extract::{Form, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use server::gateways::payments::alipay::sign_content::{sign_content, SignTypeIn};
use server::gateways::payments::beijing_time::beijing_time;

use super::notifier::{self, Notice};
use super::request_check::{checked_params, field};
use super::{StandInState, Trade, TradeState, APP_ID, SELLER_ID};

pub async fn show(State(shared): State<StandInState>, RawQuery(query): RawQuery) -> Response {
    let params: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    let params = match checked_params(&shared, params) {
        Ok(params) => params,
        Err((code, message)) => return error_page(code, message),
    };
    if !matches!(field(&params, "method"), "alipay.trade.page.pay" | "alipay.trade.wap.pay") {
        return error_page("isv.invalid-method", "不存在的方法名");
    }
    let biz: serde_json::Value = serde_json::from_str(field(&params, "biz_content")).unwrap_or_default();
    let text = |name: &str| biz[name].as_str().unwrap_or_default().to_string();
    let (out_trade_no, amount) = (text("out_trade_no"), text("total_amount"));
    let Some(amount_fen) = parse_yuan(&amount).filter(|fen| *fen > 0) else {
        return error_page("isv.invalid-parameter", "total_amount 参数无效");
    };
    if out_trade_no.is_empty() {
        return error_page("isv.missing-parameter", "缺少 out_trade_no");
    }
    let trade = {
        let mut ledger = shared.ledger();
        let trade = ledger.trades.entry(out_trade_no.clone()).or_insert_with(|| Trade {
            out_trade_no: out_trade_no.clone(),
            amount_fen,
            subject: text("subject"),
            notify_url: String::new(),
            return_url: String::new(),
            state: TradeState::Waiting,
            trade_no: None,
            paid_on: None,
            refunds: Vec::new(),
        });
        if trade.state == TradeState::Waiting {
            trade.amount_fen = amount_fen;
            trade.notify_url = field(&params, "notify_url").to_string();
            trade.return_url = field(&params, "return_url").to_string();
        }
        trade.clone()
    };
    Html(page(&trade)).into_response()
}

fn page(trade: &Trade) -> String {
    let action = match trade.state {
        TradeState::Waiting => format!(
            r#"<form method="post" action="/cashier/pay"><input type="hidden" name="out_trade_no" value="{}"><button type="submit">确认支付 Pay</button></form>"#,
            escape(&trade.out_trade_no)
        ),
        TradeState::Paid => "<p>该订单已支付 · This order is paid</p>".into(),
        TradeState::Closed => "<p>交易已关闭 · This trade is closed</p>".into(),
    };
    format!(
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>支付宝收银台（本地替身） · Alipay cashier (local stand-in)</title></head><body><h1>支付宝收银台（本地替身） · Alipay cashier (local stand-in)</h1><p>{}</p><p>订单号 Order: {}</p><p class="amount">¥{}</p>{action}</body></html>"#,
        escape(&trade.subject),
        escape(&trade.out_trade_no),
        yuan_text(trade.amount_fen)
    )
}

fn error_page(code: &str, message: &str) -> Response {
    let body = format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>支付宝 · 错误</title></head><body><h1>支付错误 · Payment error</h1><p>错误代码 {code}: {message}</p></body></html>"#
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

#[derive(serde::Deserialize)]
pub struct PayForm {
    out_trade_no: String,
}

pub async fn pay(State(shared): State<StandInState>, Form(form): Form<PayForm>) -> Response {
    let Some(trade) = take_payment(&shared, &form.out_trade_no) else {
        return error_page("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    };
    let method = "alipay.trade.page.pay.return";
    let mut params: Vec<(String, String)> = [
        ("app_id", APP_ID),
        ("auth_app_id", APP_ID),
        ("charset", "utf-8"),
        ("method", method),
        ("out_trade_no", &trade.out_trade_no),
        ("seller_id", SELLER_ID),
        ("timestamp", &beijing_time(Utc::now())),
        ("total_amount", &yuan_text(trade.amount_fen)),
        ("trade_no", trade.trade_no.as_deref().unwrap_or_default()),
        ("version", "1.0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sign = shared.alipay_key.sign(sign_content(&params, SignTypeIn::Dropped).as_bytes());
    params.extend([("sign_type".into(), "RSA2".into()), ("sign".into(), sign)]);
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish();
    let joint = if trade.return_url.contains('?') { '&' } else { '?' };
    let location = format!("{}{joint}{query}", trade.return_url);
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// Pays a waiting trade and sends its notification (retried in the background); a paid trade is
/// left as it is. None when the trade is unknown or closed.
pub fn take_payment(shared: &StandInState, out_trade_no: &str) -> Option<Trade> {
    let (trade, newly_paid) = mark_paid(shared, out_trade_no)?;
    if newly_paid {
        tokio::spawn(notifier::deliver_until_acknowledged(shared.clone(), trade.clone(), Notice::payment()));
    }
    Some(trade)
}

/// Pays a waiting trade without telling anyone; whether it was waiting. None when the trade is
/// unknown or closed.
pub fn mark_paid(shared: &StandInState, out_trade_no: &str) -> Option<(Trade, bool)> {
    let number = shared.next_number();
    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    let (trade, newly_paid) = {
        let mut ledger = shared.ledger();
        let trade = ledger.trades.get_mut(out_trade_no)?;
        match trade.state {
            TradeState::Closed => return None,
            TradeState::Paid => (trade.clone(), false),
            TradeState::Waiting => {
                trade.state = TradeState::Paid;
                trade.trade_no = Some(format!("{}22001{number:015}", today.format("%Y%m%d")));
                trade.paid_on = Some(today);
                (trade.clone(), true)
            }
        }
    };
    Some((trade, newly_paid))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

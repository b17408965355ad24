//! Alipay's asynchronous notifications (`trade_status_sync`): a UTF-8 form signed with the
//! stand-in's Alipay key over every field but `sign` and `sign_type` (which the form carries as
//! `RSA2`), posted to the trade's notify_url. Alipay posts again until the answer is exactly
//! `success` (8 posts in 25 hours, 4m, 10m, 10m, 1h, 2h, 6h, 15h apart); the stand-in keeps that
//! shape in seconds. A test's own `Notice` may be forged, changed after signing, or repeated.

use std::time::Duration;

use app::domain::exam_fee::yuan_text;
use chrono::Utc;
use server::gateways::payments::alipay::sign_content::{sign_content, SignTypeIn};
use server::gateways::payments::beijing_time::beijing_time;
use server::gateways::payments::rsa_keys::MerchantKey;

use super::{Delivery, Shared, StandInState, Trade, APP_ID, APP_KEY, SELLER_ID};

/// Alipay's schedule, minutes and hours read as fractions of seconds.
const RETRY_DELAYS_MS: [u64; 7] = [250, 500, 500, 1000, 2000, 4000, 8000];

/// A notification a test sends.
#[derive(Clone, Debug)]
pub struct Notice {
    kind: Kind,
    forged: bool,
    amount_after_signing: Option<String>,
    times: usize,
}

#[derive(Clone, Debug)]
enum Kind {
    Payment,
    StillWaiting,
    Refund { refund_fen: u64, out_biz_no: String },
}

impl Notice {
    /// TRADE_SUCCESS for the trade's amount.
    pub fn payment() -> Notice {
        Notice { kind: Kind::Payment, forged: false, amount_after_signing: None, times: 1 }
    }

    /// WAIT_BUYER_PAY: the payer has not paid yet.
    pub fn still_waiting() -> Notice {
        Notice { kind: Kind::StillWaiting, ..Notice::payment() }
    }

    /// A refund of `refund_fen` under the refund request `out_biz_no` (as Alipay reports one
    /// made in its console too).
    pub fn refund(refund_fen: u64, out_biz_no: &str) -> Notice {
        Notice { kind: Kind::Refund { refund_fen, out_biz_no: out_biz_no.into() }, ..Notice::payment() }
    }

    /// Signed with a key that is not Alipay's (the app's own).
    pub fn forged(self) -> Notice {
        Notice { forged: true, ..self }
    }

    /// Signed, then its total_amount changed to `yuan`.
    pub fn with_amount_changed_after_signing(self, yuan: &str) -> Notice {
        Notice { amount_after_signing: Some(yuan.into()), ..self }
    }

    /// Posted `times` times with the same notify_id.
    pub fn repeated(self, times: usize) -> Notice {
        Notice { times, ..self }
    }
}

/// The signed form of `notice` about `trade`.
fn form(shared: &Shared, trade: &Trade, notice: &Notice, notify_id: &str) -> String {
    let now = beijing_time(Utc::now());
    let trade_no = trade.trade_no.clone().unwrap_or_else(|| format!("2000010122001{:015}", shared.next_number()));
    let total = yuan_text(trade.amount_fen);
    let mut fields: Vec<(&str, String)> = vec![
        ("notify_type", "trade_status_sync".into()),
        ("notify_id", notify_id.into()),
        ("notify_time", now.clone()),
        ("app_id", APP_ID.into()),
        ("auth_app_id", APP_ID.into()),
        ("charset", "utf-8".into()),
        ("version", "1.0".into()),
        ("seller_id", SELLER_ID.into()),
        ("seller_email", "zige-standin@example.cn".into()),
        ("buyer_id", "2088102534368455".into()),
        ("buyer_logon_id", "can***@example.cn".into()),
        ("out_trade_no", trade.out_trade_no.clone()),
        ("trade_no", trade_no),
        ("total_amount", total.clone()),
        ("receipt_amount", total.clone()),
        ("buyer_pay_amount", total.clone()),
        ("invoice_amount", total.clone()),
        ("point_amount", "0.00".into()),
        ("subject", trade.subject.clone()),
        ("gmt_create", now.clone()),
        ("fund_bill_list", format!(r#"[{{"amount":"{total}","fundChannel":"ALIPAYACCOUNT"}}]"#)),
    ];
    match &notice.kind {
        Kind::Payment => fields.extend([("trade_status", "TRADE_SUCCESS".into()), ("gmt_payment", now.clone())]),
        Kind::StillWaiting => fields.push(("trade_status", "WAIT_BUYER_PAY".into())),
        Kind::Refund { refund_fen, out_biz_no } => {
            let status = if *refund_fen >= trade.amount_fen { "TRADE_CLOSED" } else { "TRADE_SUCCESS" };
            fields.extend([
                ("trade_status", status.into()),
                ("gmt_payment", now.clone()),
                ("refund_fee", yuan_text(*refund_fen)),
                ("gmt_refund", format!("{now}.000")),
                ("out_biz_no", out_biz_no.clone()),
            ]);
        }
    }
    let content = sign_content(&fields, SignTypeIn::Dropped);
    let sign = if notice.forged {
        MerchantKey::parse(APP_KEY).unwrap().sign(content.as_bytes())
    } else {
        shared.alipay_key.sign(content.as_bytes())
    };
    if let Some(amount) = &notice.amount_after_signing {
        for (k, v) in fields.iter_mut() {
            if *k == "total_amount" {
                *v = amount.clone();
            }
        }
    }
    fields.extend([("sign_type", "RSA2".into()), ("sign", sign)]);
    form_urlencoded::Serializer::new(String::new()).extend_pairs(&fields).finish()
}

/// Posts `notice` as often as it says, at once, and returns Zige's answers.
pub async fn post_now(shared: &Shared, trade: &Trade, notice: &Notice) -> Vec<Delivery> {
    let notify_id = new_notify_id(shared);
    let body = form(shared, trade, notice, &notify_id);
    let mut deliveries = Vec::new();
    for _ in 0..notice.times {
        deliveries.push(post_once(shared, trade, &notify_id, &body).await);
    }
    deliveries
}

/// Posts `notice` until Zige answers `success`, on Alipay's schedule (shortened).
pub async fn deliver_until_acknowledged(shared: StandInState, trade: Trade, notice: Notice) {
    let notify_id = new_notify_id(&shared);
    let body = form(&shared, &trade, &notice, &notify_id);
    for delay in std::iter::once(0).chain(RETRY_DELAYS_MS) {
        tokio::time::sleep(Duration::from_millis(delay)).await;
        if post_once(&shared, &trade, &notify_id, &body).await.answer == "success" {
            return;
        }
    }
}

/// The refund notification Alipay sends after a refund it took.
pub fn after_refund(shared: &StandInState, trade: &Trade, out_request_no: &str) {
    let refunded: u64 = trade.refunds.iter().map(|r| r.fen).sum();
    let notice = Notice::refund(refunded, out_request_no);
    tokio::spawn(deliver_until_acknowledged(shared.clone(), trade.clone(), notice));
}

fn new_notify_id(shared: &Shared) -> String {
    format!("{}0022215{:019}", Utc::now().format("%Y%m%d"), shared.next_number())
}

async fn post_once(shared: &Shared, trade: &Trade, notify_id: &str, body: &str) -> Delivery {
    let posted = shared
        .client
        .post(&trade.notify_url)
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .body(body.to_string())
        .send()
        .await;
    let (status, answer) = match posted {
        Ok(response) => (response.status().as_u16(), response.text().await.unwrap_or_default()),
        Err(error) => (0, error.to_string()),
    };
    let delivery = Delivery { notify_id: notify_id.into(), out_trade_no: trade.out_trade_no.clone(), status, answer };
    shared.ledger().deliveries.push(delivery.clone());
    delivery
}

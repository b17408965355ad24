//! A WeChat Pay notification, read as WeChat Pay sends it: signed in the `Wechatpay-*` headers,
//! its facts in an encrypted `resource`. A payment (`TRANSACTION.SUCCESS`) or a refund's result
//! (`REFUND.SUCCESS`; `REFUND.ABNORMAL` and `REFUND.CLOSED`, which staff must settle) is believed
//! only for this merchant (and a payment for this app), in yuan fen (CNY), and a refund carries
//! its number (`out_refund_no`) and amount for Zige to compare with the order; any other event
//! is acknowledged without being applied.

use app::ssr::infra::payment_gateway::{GatewayNotice, NoticeEvent, NoticeRefused};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::answer_signature::is_signed;
use super::encrypted_resource::EncryptedResource;
use super::wechatpay_account::WechatPayAccount;

#[derive(Deserialize)]
struct Envelope {
    id: String,
    event_type: String,
    resource: EncryptedResource,
}

#[derive(Deserialize)]
pub struct Amount {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub refund: u64,
    #[serde(default = "cny")]
    pub currency: String,
}

fn cny() -> String {
    "CNY".into()
}

/// A transaction as WeChat Pay writes it (in a notification's resource, and in a query's answer).
#[derive(Deserialize)]
pub struct Transaction {
    pub mchid: String,
    pub appid: String,
    pub out_trade_no: String,
    #[serde(default)]
    pub transaction_id: String,
    pub trade_state: String,
    pub amount: Option<Amount>,
}

#[derive(Deserialize)]
struct Refund {
    mchid: String,
    out_trade_no: String,
    out_refund_no: String,
    refund_id: String,
    refund_status: String,
    amount: Amount,
}

pub fn read(
    account: &WechatPayAccount,
    headers: &axum::http::HeaderMap,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<GatewayNotice, NoticeRefused> {
    if !is_signed(&account.platform, headers, body, now) {
        return Err(NoticeRefused::BadSignature);
    }
    let envelope: Envelope = serde_json::from_slice(body).map_err(|e| malformed("the notification", e))?;
    let plain = account
        .api_v3_key
        .decrypt(&envelope.resource)
        .ok_or_else(|| NoticeRefused::Malformed("the resource did not open with the API v3 key".into()))?;
    match envelope.event_type.as_str() {
        "TRANSACTION.SUCCESS" => {
            let paid: Transaction = serde_json::from_slice(&plain).map_err(|e| malformed("the transaction", e))?;
            let amount_fen = paid_amount(account, &paid)?;
            if paid.trade_state != "SUCCESS" {
                return Err(NoticeRefused::NothingToApply(format!("trade_state {}", paid.trade_state)));
            }
            Ok(GatewayNotice {
                notice_id: envelope.id,
                order_no: paid.out_trade_no,
                txn: paid.transaction_id,
                amount_fen,
                event: NoticeEvent::Paid,
                refund_no: None,
            })
        }
        event @ ("REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED") => {
            let refund: Refund = serde_json::from_slice(&plain).map_err(|e| malformed("the refund", e))?;
            if refund.mchid != account.merchant_id {
                return Err(NoticeRefused::Malformed(format!("for merchant {}, not this one", refund.mchid)));
            }
            let event = match (event, refund.refund_status.as_str()) {
                ("REFUND.SUCCESS", "SUCCESS") => NoticeEvent::Refunded,
                ("REFUND.ABNORMAL", "ABNORMAL") | ("REFUND.CLOSED", "CLOSED") => NoticeEvent::RefundFailed,
                (event, status) => {
                    return Err(NoticeRefused::Malformed(format!("{event} with refund_status {status}")));
                }
            };
            Ok(GatewayNotice {
                notice_id: envelope.id,
                order_no: refund.out_trade_no,
                txn: refund.refund_id,
                amount_fen: refund.amount.refund,
                event,
                refund_no: Some(refund.out_refund_no),
            })
        }
        other => Err(NoticeRefused::NothingToApply(format!("event {other}"))),
    }
}

/// The amount of a transaction for this merchant and app, in fen; refused for any other.
pub fn paid_amount(account: &WechatPayAccount, transaction: &Transaction) -> Result<u64, NoticeRefused> {
    if transaction.mchid != account.merchant_id {
        return Err(NoticeRefused::Malformed(format!("for merchant {}, not this one", transaction.mchid)));
    }
    if transaction.appid != account.app_id {
        return Err(NoticeRefused::Malformed(format!("for app {}, not this one", transaction.appid)));
    }
    match &transaction.amount {
        Some(amount) if amount.currency == "CNY" => Ok(amount.total),
        Some(amount) => Err(NoticeRefused::Malformed(format!("in {}, not CNY", amount.currency))),
        None => Ok(0),
    }
}

fn malformed(what: &str, error: serde_json::Error) -> NoticeRefused {
    NoticeRefused::Malformed(format!("{what} could not be read: {error}"))
}

//! The stand-in's notifications, made as WeChat Pay makes them: the transaction (or refund)
//! sealed under the API v3 key in `resource`, the body signed with the platform key in the
//! `Wechatpay-*` headers, posted until answered 200 or 204. Tests can make them forged or altered.

use std::time::Duration;

use serde_json::json;

use server::gateways::payments::rsa_keys::MerchantKey;

use super::api::transaction;
use super::{Signing, TradeState, WechatPayStandin, CERTIFICATE_KEY_SERIAL, MERCHANT_ID, PLATFORM_KEY_ID};

/// A notification as it goes out: its headers and body.
#[derive(Clone, Debug)]
pub struct Notification {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Notification {
    /// The same bytes, with `from` replaced by `to` after signing (a tampered notification).
    pub fn altered(&self, from: &str, to: &str) -> Notification {
        Notification { headers: self.headers.clone(), body: self.body.replacen(from, to, 1) }
    }
}

impl WechatPayStandin {
    /// What the cashier's 确认支付 does: the trade is paid and its notification goes out.
    pub async fn pay(&self, out_trade_no: &str) -> String {
        let transaction_id = self.pay_unannounced(out_trade_no);
        let url = self.trade(out_trade_no).unwrap().notify_url;
        let notification = self.payment_notification(out_trade_no, None);
        let standin = self.clone();
        tokio::spawn(async move { standin.deliver(&notification, &url, 1).await });
        transaction_id
    }

    /// The trade is paid, and its notification lost on the way (Zige hears of it only by asking).
    pub fn pay_unannounced(&self, out_trade_no: &str) -> String {
        let mut books = self.books.lock().unwrap();
        let trade = books.trades.get_mut(out_trade_no).expect("a trade Zige started");
        trade.state = TradeState::Success;
        trade.paid_at = Some(chrono::Utc::now().timestamp());
        trade.transaction_id.clone()
    }

    /// TRANSACTION.SUCCESS for the trade, as paid (`total` overrides what the payer paid).
    pub fn payment_notification(&self, out_trade_no: &str, total: Option<u64>) -> Notification {
        let mut trade = self.trade(out_trade_no).expect("a trade Zige started");
        trade.state = TradeState::Success;
        trade.total = total.unwrap_or(trade.total);
        let (key, serial) = self.notifying_key();
        self.sealed("TRANSACTION.SUCCESS", "transaction", &transaction(&trade).to_string(), key, serial)
    }

    /// The same payment notification signed with the platform certificate (`true`) or the
    /// platform public key, each under its own serial.
    pub fn payment_notification_signed_by(&self, out_trade_no: &str, certificate: bool) -> Notification {
        let mut trade = self.trade(out_trade_no).expect("a trade Zige started");
        trade.state = TradeState::Success;
        let (key, serial) = if certificate {
            (&self.keys.certificate, CERTIFICATE_KEY_SERIAL)
        } else {
            (&self.keys.platform, PLATFORM_KEY_ID)
        };
        self.sealed("TRANSACTION.SUCCESS", "transaction", &transaction(&trade).to_string(), key, serial)
    }

    /// REFUND.SUCCESS for the trade's refund, with its number and amount.
    pub fn refund_notification(&self, out_trade_no: &str) -> Notification {
        self.refund_result(out_trade_no, "REFUND.SUCCESS")
    }

    /// The refund's result as WeChat Pay notifies it: REFUND.SUCCESS, REFUND.ABNORMAL (the payer's
    /// card takes no money back) or REFUND.CLOSED.
    pub fn refund_result(&self, out_trade_no: &str, event: &str) -> Notification {
        let trade = self.trade(out_trade_no).expect("a trade Zige started");
        let status = event.trim_start_matches("REFUND.");
        let refund = json!({
            "mchid": MERCHANT_ID, "out_trade_no": trade.out_trade_no, "transaction_id": trade.transaction_id,
            "out_refund_no": trade.refund_no.unwrap_or_default(), "refund_id": trade.refund_id.unwrap_or_default(),
            "refund_status": status, "success_time": "2026-11-25T12:00:00+08:00", "user_received_account": "招商银行信用卡0403",
            "amount": { "total": trade.total, "refund": trade.refund_fen, "payer_total": trade.total, "payer_refund": trade.refund_fen },
        });
        let (key, serial) = self.notifying_key();
        self.sealed(event, "refund", &refund.to_string(), key, serial)
    }

    /// A refund of `fen` made at the merchant platform's console (its own refund number); its
    /// REFUND.SUCCESS, for the test to post or lose.
    pub fn refund_at_console(&self, out_trade_no: &str, fen: u64) -> Notification {
        {
            let mut books = self.books.lock().unwrap();
            let trade = books.trades.get_mut(out_trade_no).expect("a trade Zige started");
            trade.state = TradeState::Refund;
            trade.refund_no = Some(format!("CONSOLE{}", &uuid::Uuid::new_v4().simple().to_string()[..12]));
            trade.refund_fen = fen;
            trade.refund_id = Some(format!("5030{}", &uuid::Uuid::new_v4().simple().to_string()[..24]));
        }
        self.refund_notification(out_trade_no)
    }

    /// The payment notification signed with another key than the platform's.
    pub fn forged_notification(&self, out_trade_no: &str, forger: &MerchantKey) -> Notification {
        let mut trade = self.trade(out_trade_no).expect("a trade Zige started");
        trade.state = TradeState::Success;
        self.sealed("TRANSACTION.SUCCESS", "transaction", &transaction(&trade).to_string(), forger, PLATFORM_KEY_ID)
    }

    /// The key notifications go out with: the public key, or a moving merchant's certificate.
    fn notifying_key(&self) -> (&MerchantKey, &'static str) {
        match self.books.lock().unwrap().signing {
            Signing::PublicKey => (&self.keys.platform, PLATFORM_KEY_ID),
            Signing::Moving => (&self.keys.certificate, CERTIFICATE_KEY_SERIAL),
        }
    }

    fn sealed(&self, event: &str, original: &str, plain: &str, signer: &MerchantKey, serial: &str) -> Notification {
        let nonce = &uuid::Uuid::new_v4().simple().to_string()[..12];
        let ciphertext = self.keys.api_v3.encrypt(plain.as_bytes(), nonce, original).unwrap();
        let body = json!({
            "id": uuid::Uuid::new_v4().to_string(), "create_time": "2026-11-25T10:34:56+08:00",
            "resource_type": "encrypt-resource", "event_type": event, "summary": "支付成功",
            "resource": { "original_type": original, "algorithm": "AEAD_AES_256_GCM", "ciphertext": ciphertext, "associated_data": original, "nonce": nonce },
        })
        .to_string();
        let timestamp = chrono::Utc::now().timestamp().to_string();
        let header_nonce = uuid::Uuid::new_v4().simple().to_string();
        let signature = signer.sign(format!("{timestamp}\n{header_nonce}\n{body}\n").as_bytes());
        let headers = vec![
            ("wechatpay-timestamp".into(), timestamp),
            ("wechatpay-nonce".into(), header_nonce),
            ("wechatpay-signature".into(), signature),
            ("wechatpay-serial".into(), serial.into()),
            ("wechatpay-signature-type".into(), "WECHATPAY2-SHA256-RSA2048".into()),
        ];
        Notification { headers, body }
    }

    /// Posts it `times` times, each until answered 200/204 (with back-off), as WeChat Pay retries;
    /// the last answer's status.
    pub async fn deliver(&self, notification: &Notification, url: &str, times: u32) -> u16 {
        let mut status = 0;
        for _ in 0..times {
            for attempt in 0..8 {
                let mut request =
                    self.client.post(url).header("content-type", "application/json").body(notification.body.clone());
                for (name, value) in &notification.headers {
                    request = request.header(name, value);
                }
                status = request.send().await.map(|r| r.status().as_u16()).unwrap_or(0);
                if status == 200 || status == 204 || (400..500).contains(&status) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
            }
        }
        status
    }

    /// The day's trade bill (ALL) in WeChat Pay's layout: every field after a backtick.
    pub fn bill_csv(&self, day: &str) -> String {
        let books = self.books.lock().unwrap();
        let mut csv = String::from("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
        let yuan = |fen: u64| format!("{}.{:02}", fen / 100, fen % 100);
        let on_day = |at: Option<i64>| {
            at.and_then(|t| chrono::DateTime::from_timestamp(t + 8 * 3600, 0))
                .is_some_and(|t| t.format("%Y-%m-%d").to_string() == day)
        };
        let mut rows = Vec::new();
        for trade in
            books.trades.values().filter(|t| on_day(t.paid_at) && !books.bill_leaves_out.contains(&t.out_trade_no))
        {
            rows.push((
                trade.out_trade_no.clone(),
                trade.transaction_id.clone(),
                "SUCCESS",
                trade.total,
                String::new(),
            ));
            if let Some(refund_id) = &trade.refund_id {
                rows.push((
                    trade.out_trade_no.clone(),
                    trade.transaction_id.clone(),
                    "REFUND",
                    trade.refund_fen,
                    refund_id.clone(),
                ));
            }
        }
        for (no, txn, total) in &books.bill_extra {
            rows.push((no.clone(), txn.clone(), "SUCCESS", *total, String::new()));
        }
        for (no, txn, state, total, refund_id) in &rows {
            let (paid, refunded) = if *state == "SUCCESS" { (*total, 0) } else { (0, *total) };
            csv.push_str(&format!(
                "`{day} 10:00:00,`wxd678efh567hg6787,`{MERCHANT_ID},`0,`,`{txn},`{no},`oUpF8u,`NATIVE,`{state},`CMC,`CNY,`{},`0.00,`{refund_id},`,`{},`0.00,`,`,`考试费,`,`0.00000,`0.60%,`{},`{},`\r\n",
                yuan(paid), yuan(refunded), yuan(paid), yuan(refunded)
            ));
        }
        csv.push_str(
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n",
        );
        csv.push_str(&format!("`{},`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00\r\n", rows.len()));
        csv
    }
}

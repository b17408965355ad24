//! WeChat Pay as a `PaymentGateway`: Native on a computer (a `code_url` the candidate scans),
//! H5 on a phone (WeChat Pay's cashier, then back to the exam page), the order queried and closed
//! by Zige's order number, refunds by Zige's refund number (asked twice, refunded once), and the
//! day's trade bill, whose file is checked against the SHA-1 the signed answer gives for it.

use app::ssr::infra::payment_gateway::{
    BillLine, Checkout, Device, GatewayFailure, GatewayNotice, GatewayOrder, NoticeRefused, OrderToPay, PaymentGateway,
    RefundRequest, RefundTaken,
};
use chrono::{DateTime, NaiveDate, Utc};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use super::api_client::{call, CallFailure, Signed};
use super::notification::{paid_amount, Transaction};
use super::wechatpay_account::WechatPayAccount;
use super::{notification, trade_bill};
use crate::gateways::payments::beijing_time::beijing_rfc3339;

pub const CODE: &str = "wechatpay";

pub struct WechatPayGateway {
    account: WechatPayAccount,
    client: reqwest::Client,
}

impl WechatPayGateway {
    pub fn new(account: WechatPayAccount) -> WechatPayGateway {
        WechatPayGateway { account, client: crate::gateways::outbound_http::client() }
    }

    fn address(&self, path: &str) -> reqwest::Url {
        let mut address = self.account.endpoint.clone();
        address.set_path(path);
        address
    }

    async fn call_json(
        &self,
        method: Method,
        address: reqwest::Url,
        body: Option<Value>,
    ) -> Result<Value, CallFailure> {
        let answer =
            call(&self.client, &self.account, method, address, body.map(|b| b.to_string()), Signed::Required).await?;
        if answer.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&answer).map_err(|e| {
            CallFailure::Failed(GatewayFailure::Unreachable(format!("WeChat Pay's answer was not JSON: {e}")))
        })
    }
}

fn text<'a>(answer: &'a Value, field: &str) -> Result<&'a str, GatewayFailure> {
    answer[field].as_str().ok_or_else(|| GatewayFailure::Unreachable(format!("WeChat Pay's answer had no {field}")))
}

#[async_trait::async_trait]
impl PaymentGateway for WechatPayGateway {
    fn code(&self) -> &'static str {
        CODE
    }

    fn name_zh(&self) -> &'static str {
        "微信支付"
    }

    fn name_en(&self) -> &'static str {
        "WeChat Pay"
    }

    async fn start(&self, order: &OrderToPay) -> Result<Checkout, GatewayFailure> {
        let mut body = json!({
            "appid": self.account.app_id,
            "mchid": self.account.merchant_id,
            // WeChat Pay takes at most 127 bytes.
            "description": order.subject.chars().take(40).collect::<String>(),
            "out_trade_no": order.order_no,
            "time_expire": beijing_rfc3339(order.pay_before),
            "notify_url": order.notify_url,
            "amount": { "total": order.amount_fen, "currency": "CNY" },
        });
        match order.device {
            Device::Desktop => {
                let answer =
                    self.call_json(Method::POST, self.address("/v3/pay/transactions/native"), Some(body)).await?;
                Ok(Checkout::ScanCode(text(&answer, "code_url")?.to_string()))
            }
            Device::Phone => {
                let ip = order.payer_ip.map(|ip| ip.to_string()).unwrap_or_else(|| "127.0.0.1".into());
                body["scene_info"] = json!({ "payer_client_ip": ip, "h5_info": { "type": "Wap" } });
                let answer = self.call_json(Method::POST, self.address("/v3/pay/transactions/h5"), Some(body)).await?;
                let mut cashier = reqwest::Url::parse(text(&answer, "h5_url")?)
                    .map_err(|e| GatewayFailure::Unreachable(format!("WeChat Pay's h5_url was not an address: {e}")))?;
                // Back to the exam page once paid (or not).
                cashier.query_pairs_mut().append_pair("redirect_url", &order.return_url);
                Ok(Checkout::Redirect(cashier.to_string()))
            }
        }
    }

    fn verify(
        &self,
        headers: &axum::http::HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<GatewayNotice, NoticeRefused> {
        notification::read(&self.account, headers, body, now)
    }

    async fn query(&self, order_no: &str) -> Result<GatewayOrder, GatewayFailure> {
        let mut address = self.address(&format!("/v3/pay/transactions/out-trade-no/{order_no}"));
        address.query_pairs_mut().append_pair("mchid", &self.account.merchant_id);
        let answer = match self.call_json(Method::GET, address, None).await {
            Ok(answer) => answer,
            Err(failure) if failure.signed_code() == Some("ORDER_NOT_EXIST") => return Ok(GatewayOrder::Unpaid),
            Err(failure) => return Err(failure.into()),
        };
        let transaction: Transaction = serde_json::from_value(answer)
            .map_err(|e| GatewayFailure::Unreachable(format!("WeChat Pay's transaction could not be read: {e}")))?;
        if transaction.out_trade_no != order_no {
            return Err(GatewayFailure::Unreachable("WeChat Pay answered about another order".into()));
        }
        let amount_fen = paid_amount(&self.account, &transaction).map_err(|refused| {
            GatewayFailure::Unreachable(format!("WeChat Pay's transaction is not ours: {refused:?}"))
        })?;
        let txn = transaction.transaction_id;
        Ok(match transaction.trade_state.as_str() {
            "SUCCESS" => GatewayOrder::Paid { txn, amount_fen },
            "REFUND" => GatewayOrder::Refunded { txn, amount_fen },
            "CLOSED" | "REVOKED" => GatewayOrder::Closed,
            // NOTPAY, USERPAYING, PAYERROR: no money has moved.
            _ => GatewayOrder::Unpaid,
        })
    }

    async fn close(&self, order_no: &str) -> Result<(), GatewayFailure> {
        let address = self.address(&format!("/v3/pay/transactions/out-trade-no/{order_no}/close"));
        match self.call_json(Method::POST, address, Some(json!({ "mchid": self.account.merchant_id }))).await {
            // Never started at WeChat Pay (the candidate did not open the cashier): nothing to close.
            Err(failure) if failure.signed_code() == Some("ORDER_NOT_EXIST") => Ok(()),
            other => other.map(|_| ()).map_err(GatewayFailure::from),
        }
    }

    /// SUCCESS: refunded; PROCESSING: under way, its result comes as REFUND.SUCCESS (or
    /// REFUND.ABNORMAL, REFUND.CLOSED) to `notify_url`; anything else did not refund.
    async fn refund(&self, refund: &RefundRequest) -> Result<RefundTaken, GatewayFailure> {
        let body = json!({
            "out_trade_no": refund.order_no,
            "out_refund_no": refund.refund_no,
            "reason": refund.reason,
            "notify_url": self.account.notify_url,
            "amount": { "refund": refund.refund_fen, "total": refund.total_fen, "currency": "CNY" },
        });
        let answer = self.call_json(Method::POST, self.address("/v3/refund/domestic/refunds"), Some(body)).await?;
        match text(&answer, "status")? {
            "SUCCESS" => Ok(RefundTaken::Refunded),
            "PROCESSING" => Ok(RefundTaken::UnderWay),
            other => Err(GatewayFailure::Refused(format!("refund {other}"))),
        }
    }

    async fn bill(&self, day: NaiveDate) -> Result<Option<Vec<BillLine>>, GatewayFailure> {
        #[derive(Deserialize)]
        struct BillFile {
            hash_type: String,
            hash_value: String,
            download_url: String,
        }
        let mut address = self.address("/v3/bill/tradebill");
        address
            .query_pairs_mut()
            .append_pair("bill_date", &day.format("%Y-%m-%d").to_string())
            .append_pair("bill_type", "ALL");
        let file: BillFile = match self.call_json(Method::GET, address, None).await {
            Ok(answer) => serde_json::from_value(answer)
                .map_err(|e| GatewayFailure::Unreachable(format!("WeChat Pay's bill answer could not be read: {e}")))?,
            // A day without a single payment has no bill.
            Err(failure) if failure.signed_code() == Some("NO_STATEMENT_EXIST") => return Ok(Some(Vec::new())),
            Err(failure) => return Err(failure.into()),
        };
        let download = reqwest::Url::parse(&file.download_url)
            .map_err(|e| GatewayFailure::Unreachable(format!("the bill's address could not be read: {e}")))?;
        // Only from WeChat Pay's own address: the signed answer names it, and the request carries
        // the merchant's signature.
        let own_address = download.scheme() == self.account.endpoint.scheme()
            && download.host_str() == self.account.endpoint.host_str()
            && download.port_or_known_default() == self.account.endpoint.port_or_known_default();
        if !own_address || file.hash_type != "SHA1" {
            return Err(GatewayFailure::Unreachable("the bill is offered from another address or hash".into()));
        }
        let bytes = call(&self.client, &self.account, Method::GET, download, None, Signed::NotForFiles).await?;
        let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &bytes);
        if !hex::encode(digest.as_ref()).eq_ignore_ascii_case(&file.hash_value) {
            return Err(GatewayFailure::Unreachable("the bill's file does not match its SHA-1".into()));
        }
        let text = String::from_utf8_lossy(&bytes);
        trade_bill::lines(&text)
            .map(Some)
            .map_err(|e| GatewayFailure::Unreachable(format!("the bill could not be read: {e}")))
    }
}

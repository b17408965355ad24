//! Alipay as one of Zige's payment gateways: the web cashier on a computer (电脑网站支付,
//! `alipay.trade.page.pay`) or the mobile one on a phone (手机网站支付, `alipay.trade.wap.pay`),
//! reached by a signed redirect without calling Alipay first; its trade notifications; and the
//! gateway calls to ask about, close and refund an order and to fetch the day's bill.

use app::ssr::infra::payment_gateway::{
    BillLine, Checkout, Device, GatewayFailure, GatewayNotice, GatewayOrder, NoticeRefused, OrderToPay, PaymentGateway,
    RefundRequest, RefundTaken,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::alipay_account::AlipayAccount;
use super::gateway_call::{call, public_params};
use super::sign_content::signed;
use super::trade_bill::bill_lines;
use super::trade_notification::read_notification;
use crate::gateways::outbound_http::{body_within, FILE_MAX_BYTES};
use crate::gateways::payments::beijing_time::beijing_time;
use app::domain::exam_fee::{parse_yuan, yuan_text};

pub const ALIPAY_CODE: &str = "alipay";
/// Where Alipay serves its bills (`bill_download_url`, as its SDKs' tests show it).
const BILL_HOSTS: [&str; 1] = ["dwbillcenter.alipay.com"];
/// Alipay's answer when it holds no trade of that number: nothing was ever started there.
const TRADE_NOT_EXIST: &str = "ACQ.TRADE_NOT_EXIST";

pub struct AlipayGateway {
    account: AlipayAccount,
    client: reqwest::Client,
}

impl AlipayGateway {
    pub fn new(account: AlipayAccount) -> AlipayGateway {
        AlipayGateway { account, client: crate::gateways::outbound_http::client() }
    }

    /// The signed parameters that send the browser to the cashier for `order`.
    fn cashier_params(&self, order: &OrderToPay) -> Vec<(String, String)> {
        let mut biz = json!({
            "out_trade_no": order.order_no,
            "total_amount": yuan_text(order.amount_fen),
            "subject": order.subject,
            "time_expire": beijing_time(order.pay_before),
        });
        let method = match order.device {
            Device::Desktop => {
                biz["product_code"] = json!("FAST_INSTANT_TRADE_PAY");
                "alipay.trade.page.pay"
            }
            Device::Phone => {
                biz["product_code"] = json!("QUICK_WAP_WAY");
                biz["quit_url"] = json!(order.return_url);
                "alipay.trade.wap.pay"
            }
        };
        let mut params = public_params(&self.account, method);
        params.extend([
            ("notify_url".to_string(), order.notify_url.clone()),
            ("return_url".to_string(), order.return_url.clone()),
            ("biz_content".to_string(), biz.to_string()),
        ]);
        signed(params, self.account.app_key())
    }

    /// The bill's file, from an address Alipay's signed answer gave, on a host Alipay serves bills
    /// from, up to `FILE_MAX_BYTES` (a redirect is not followed: `outbound_http`).
    async fn download(&self, url: &str) -> Result<Vec<u8>, GatewayFailure> {
        let address = bill_address(&self.account, url)?;
        let failed = |error: reqwest::Error| {
            GatewayFailure::Unreachable(format!("Alipay's bill could not be fetched: {}", error.without_url()))
        };
        let response = self.client.get(address).send().await.map_err(failed)?;
        if !response.status().is_success() {
            return Err(GatewayFailure::Unreachable(format!("Alipay's bill: HTTP {}", response.status().as_u16())));
        }
        body_within(response, FILE_MAX_BYTES)
            .await
            .map_err(|e| GatewayFailure::Unreachable(format!("Alipay's bill was not read: {e}")))
    }
}

/// The bill's address when its host is one Alipay serves bills from (or the configured gateway's
/// own, which is Alipay's, or a test's stand-in): the address comes from a signed answer, but a
/// file fetched from elsewhere would only be someone else's say. Plain http is taken as Alipay
/// gives it (its bill addresses are documented as http): a bill only raises differences for
/// staff to look at, it never moves an order.
fn bill_address(account: &AlipayAccount, url: &str) -> Result<reqwest::Url, GatewayFailure> {
    let refused =
        || GatewayFailure::Unreachable("Alipay's bill is offered from a host Alipay does not serve bills from".into());
    let address = reqwest::Url::parse(url).map_err(|_| refused())?;
    let gateway = reqwest::Url::parse(&account.gateway_url).ok();
    let host = address.host_str().unwrap_or_default();
    let gateway_host = gateway.as_ref().and_then(|g| g.host_str());
    let allowed = BILL_HOSTS.contains(&host) || gateway_host == Some(host);
    if allowed && matches!(address.scheme(), "https" | "http") {
        Ok(address)
    } else {
        Err(refused())
    }
}

#[async_trait::async_trait]
impl PaymentGateway for AlipayGateway {
    fn code(&self) -> &'static str {
        ALIPAY_CODE
    }

    fn name_zh(&self) -> &'static str {
        "支付宝"
    }

    fn name_en(&self) -> &'static str {
        "Alipay"
    }

    async fn start(&self, order: &OrderToPay) -> Result<Checkout, GatewayFailure> {
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(self.cashier_params(order)).finish();
        let joint = if self.account.gateway_url.contains('?') { '&' } else { '?' };
        Ok(Checkout::Redirect(format!("{}{joint}{query}", self.account.gateway_url)))
    }

    /// Alipay's notifications carry no time Zige could hold them to (`notify_time` is the
    /// retry's, and a repeat is harmless: the same `trade_no` is applied once).
    fn verify(&self, _: &axum::http::HeaderMap, body: &[u8], _: DateTime<Utc>) -> Result<GatewayNotice, NoticeRefused> {
        read_notification(&self.account, body)
    }

    async fn query(&self, order_no: &str) -> Result<GatewayOrder, GatewayFailure> {
        let answer =
            call(&self.account, &self.client, "alipay.trade.query", &json!({ "out_trade_no": order_no })).await?;
        if answer.sub_code() == TRADE_NOT_EXIST {
            return Ok(GatewayOrder::Unpaid);
        }
        let answer = answer.success()?;
        match answer.text("trade_status").unwrap_or_default() {
            "TRADE_SUCCESS" | "TRADE_FINISHED" => {
                let amount = answer.text("total_amount").unwrap_or_default();
                let amount_fen = parse_yuan(amount).ok_or_else(|| {
                    GatewayFailure::Unreachable(format!("Alipay's amount {amount:?} is not an amount"))
                })?;
                Ok(GatewayOrder::Paid { txn: answer.text("trade_no").unwrap_or_default().to_string(), amount_fen })
            }
            "WAIT_BUYER_PAY" => Ok(GatewayOrder::Unpaid),
            "TRADE_CLOSED" => Ok(GatewayOrder::Closed),
            other => {
                Err(GatewayFailure::Unreachable(format!("Alipay's trade_status {other:?} is not one it documents")))
            }
        }
    }

    async fn close(&self, order_no: &str) -> Result<(), GatewayFailure> {
        let answer =
            call(&self.account, &self.client, "alipay.trade.close", &json!({ "out_trade_no": order_no })).await?;
        if answer.sub_code() == TRADE_NOT_EXIST {
            return Ok(());
        }
        answer.success().map(|_| ())
    }

    /// Refunded once Alipay answers success, whether or not money moved in this call
    /// (`fund_change` N: the same `out_request_no` was refunded before): Alipay's refunds are
    /// settled in the call.
    async fn refund(&self, refund: &RefundRequest) -> Result<RefundTaken, GatewayFailure> {
        let biz = json!({
            "out_trade_no": refund.order_no,
            "out_request_no": refund.refund_no,
            "refund_amount": yuan_text(refund.refund_fen),
            "refund_reason": refund.reason,
        });
        call(&self.account, &self.client, "alipay.trade.refund", &biz).await?.success().map(|_| RefundTaken::Refunded)
    }

    async fn bill(&self, day: NaiveDate) -> Result<Option<Vec<BillLine>>, GatewayFailure> {
        let biz = json!({ "bill_type": "trade", "bill_date": day.format("%Y-%m-%d").to_string() });
        let answer = call(&self.account, &self.client, "alipay.data.dataservice.bill.downloadurl.query", &biz)
            .await?
            .success()?;
        let url = answer.text("bill_download_url").unwrap_or_default();
        if url.is_empty() {
            return Err(GatewayFailure::Unreachable("Alipay gave no bill_download_url".into()));
        }
        let zip = self.download(url).await?;
        let lines = bill_lines(&zip).map_err(|why| GatewayFailure::Unreachable(format!("Alipay's bill: {why}")))?;
        Ok(Some(lines))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateways::payments::alipay::sign_content::{sign_content, SignTypeIn};
    use crate::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};

    const APP_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_key.pem");
    const APP_PUBLIC: &str = include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_public_key.pem");
    const STANDIN_PUBLIC: &str = include_str!("../../../../tests/fixtures/payments/standin_alipay_public_key.pem");

    fn gateway() -> AlipayGateway {
        let account = AlipayAccount::new(
            "2021000000000001",
            "2088000000000002",
            MerchantKey::parse(APP_KEY).unwrap(),
            GatewayKey::parse(STANDIN_PUBLIC).unwrap(),
        );
        AlipayGateway::new(account.at_gateway("http://127.0.0.1:9/gateway.do"))
    }

    fn order(device: Device) -> OrderToPay {
        OrderToPay {
            order_no: "ZG20240102000001".into(),
            amount_fen: 10000,
            subject: "考试报名费 & more".into(),
            return_url: "https://zige.example.cn/pay/ZG20240102000001/back".into(),
            notify_url: "https://zige.example.cn/payments/alipay/notify".into(),
            payer_ip: None,
            device,
            pay_before: DateTime::parse_from_rfc3339("2024-01-02T07:04:05Z").unwrap().with_timezone(&Utc),
        }
    }

    /// The parameters of the redirect, and whether the app's public key verifies them.
    async fn redirect(device: Device) -> (Vec<(String, String)>, bool) {
        let Checkout::Redirect(url) = gateway().start(&order(device)).await.unwrap() else { panic!("a redirect") };
        let (address, query) = url.split_once('?').unwrap();
        assert_eq!(address, "http://127.0.0.1:9/gateway.do");
        let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let sign = params.iter().find(|(k, _)| k == "sign").unwrap().1.clone();
        let verified = GatewayKey::parse(APP_PUBLIC)
            .unwrap()
            .verifies(sign_content(&params, SignTypeIn::Included).as_bytes(), &sign);
        (params, verified)
    }

    fn field<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
        params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
    }

    #[tokio::test]
    async fn a_computer_goes_to_the_web_cashier_with_a_signed_address() {
        let (params, verified) = redirect(Device::Desktop).await;
        assert!(verified);
        assert_eq!(field(&params, "method"), "alipay.trade.page.pay");
        assert_eq!(field(&params, "sign_type"), "RSA2");
        assert_eq!(field(&params, "notify_url"), "https://zige.example.cn/payments/alipay/notify");
        let biz: serde_json::Value = serde_json::from_str(field(&params, "biz_content")).unwrap();
        assert_eq!(biz["total_amount"], "100.00");
        assert_eq!(biz["time_expire"], "2024-01-02 15:04:05");
        assert_eq!(biz["product_code"], "FAST_INSTANT_TRADE_PAY");
        assert_eq!(biz["subject"], "考试报名费 & more");
    }

    #[tokio::test]
    async fn a_phone_goes_to_the_mobile_cashier_and_may_quit_back_to_zige() {
        let (params, verified) = redirect(Device::Phone).await;
        assert!(verified);
        assert_eq!(field(&params, "method"), "alipay.trade.wap.pay");
        let biz: serde_json::Value = serde_json::from_str(field(&params, "biz_content")).unwrap();
        assert_eq!(biz["product_code"], "QUICK_WAP_WAY");
        assert_eq!(biz["quit_url"], "https://zige.example.cn/pay/ZG20240102000001/back");
    }

    #[tokio::test]
    async fn a_gateway_nobody_answers_at_is_unreachable_and_named_without_its_address() {
        let failure = gateway().query("ZG1").await.unwrap_err();
        assert!(matches!(failure, GatewayFailure::Unreachable(_)));
        assert!(!failure.reason().contains("127.0.0.1"), "{}", failure.reason());
    }
}

//! The Alipay adapter against the local stand-in of Alipay's open platform, with no Zige server:
//! a payment from the cashier to the bill, the notifications Zige must refuse, the answers it
//! must not believe, and the bill files it must not fetch.

use crate::support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::ssr::infra::payment_gateway::{
    Checkout, Device, GatewayFailure, GatewayNotice, GatewayOrder, NoticeEvent, NoticeRefused, OrderToPay,
    PaymentGateway, RefundRequest, RefundTaken,
};
use axum::body::Bytes;
use axum::routing::post;
use chrono::Utc;
use server::gateways::payments::alipay::{AlipayAccount, AlipayGateway};
use server::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};
use support::alipay_standin::{
    AlipayStandIn, BillTrouble, Notice, Trouble, ALIPAY_KEY, ALIPAY_PUBLIC_KEY, APP_ID, SELLER_ID,
};

/// Zige's notify route, as far as these tests need it: keeps each body and answers `success`.
struct Receiver {
    url: String,
    bodies: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Receiver {
    async fn start() -> Receiver {
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let kept = bodies.clone();
        let router = axum::Router::new().route(
            "/notify",
            post(move |body: Bytes| async move {
                kept.lock().unwrap().push(body.to_vec());
                "success"
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/notify", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Receiver { url, bodies }
    }

    /// The `n`th body (from 0), once it has arrived.
    async fn body(&self, n: usize) -> Vec<u8> {
        for _ in 0..200 {
            if let Some(body) = self.bodies.lock().unwrap().get(n) {
                return body.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("notification {n} never arrived");
    }
}

fn order(order_no: &str, notify_url: &str) -> OrderToPay {
    OrderToPay {
        order_no: order_no.into(),
        amount_fen: 10000,
        subject: "2024 春季考试报名费".into(),
        return_url: "http://127.0.0.1:9/pay/back".into(),
        notify_url: notify_url.into(),
        payer_ip: None,
        device: Device::Desktop,
        pay_before: Utc::now() + chrono::Duration::minutes(15),
    }
}

/// Starts the order and opens the cashier page the browser is sent to.
async fn open_cashier(gateway: &AlipayGateway, order: &OrderToPay) -> String {
    let Checkout::Redirect(url) = gateway.start(order).await.unwrap() else { panic!("a redirect") };
    let page = reqwest::get(&url).await.unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}

fn verify(gateway: &AlipayGateway, body: &[u8]) -> Result<GatewayNotice, NoticeRefused> {
    gateway.verify(&axum::http::HeaderMap::new(), body, Utc::now())
}

#[tokio::test]
async fn a_payment_goes_from_the_cashier_to_the_notification_the_query_the_refund_and_the_bill() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let receiver = Receiver::start().await;
    let gateway = alipay.gateway();
    let order = order("ZG20240102000001", &receiver.url);

    let page = open_cashier(&gateway, &order).await;
    assert!(page.contains("支付宝收银台（本地替身） · Alipay cashier (local stand-in)"), "{page}");
    assert!(page.contains("100.00") && page.contains("确认支付 Pay"));
    assert_eq!(gateway.query(&order.order_no).await, Ok(GatewayOrder::Unpaid));

    let trade_no = alipay.pay(&order.order_no).await;
    let paid = verify(&gateway, &receiver.body(0).await).unwrap();
    assert_eq!((paid.order_no.as_str(), paid.txn.as_str()), (order.order_no.as_str(), trade_no.as_str()));
    assert_eq!((paid.amount_fen, paid.event), (10000, NoticeEvent::Paid));
    assert!(alipay.acknowledged(&order.order_no, Duration::from_secs(20)).await);
    let paid_again = GatewayOrder::Paid { txn: trade_no.clone(), amount_fen: 10000 };
    assert_eq!(gateway.query(&order.order_no).await, Ok(paid_again));

    let refund = RefundRequest {
        order_no: order.order_no.clone(),
        refund_no: "RF20240102000001".into(),
        refund_fen: 10000,
        total_fen: 10000,
        reason: "考试取消".into(),
    };
    assert_eq!(gateway.refund(&refund).await, Ok(RefundTaken::Refunded));
    assert_eq!(
        gateway.refund(&refund).await,
        Ok(RefundTaken::Refunded),
        "asked again with the same number, refunded once"
    );
    assert!(alipay.was_called("alipay.trade.refund", &order.order_no));
    let refunded = verify(&gateway, &receiver.body(1).await).unwrap();
    assert_eq!(refunded.event, NoticeEvent::Refunded);
    assert_eq!((refunded.txn, refunded.amount_fen), (format!("{trade_no}:RF20240102000001"), 10000));
    assert_eq!(refunded.refund_no.as_deref(), Some("RF20240102000001"));
    assert_eq!(alipay.trade(&order.order_no).unwrap().refunds.len(), 1);

    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    let bill = gateway.bill(today).await.unwrap().unwrap();
    assert!(bill.iter().any(|l| l.event == NoticeEvent::Paid && l.txn == trade_no && l.amount_fen == 10000));
    assert!(bill.iter().any(|l| l.event == NoticeEvent::Refunded && l.order_no == order.order_no));
}

#[tokio::test]
async fn answers_spoiled_after_signing_or_signed_by_another_key_are_not_believed() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let gateway = alipay.gateway();
    open_cashier(&gateway, &order("ZG20240102000002", "http://127.0.0.1:9/notify")).await;
    let not_believed = Err(GatewayFailure::Unreachable("answer's signature did not verify".into()));
    alipay.next_answer(Trouble::TamperedAfterSigning);
    assert_eq!(gateway.query("ZG20240102000002").await, not_believed);
    alipay.next_answer(Trouble::SignedByAnotherKey);
    assert_eq!(gateway.query("ZG20240102000002").await, not_believed);
    alipay.next_answer(Trouble::SystemError);
    assert_eq!(
        gateway.query("ZG20240102000002").await,
        Err(GatewayFailure::Refused("ACQ.SYSTEM_ERROR: 系统错误".into()))
    );
    assert_eq!(gateway.query("ZG20240102000002").await, Ok(GatewayOrder::Unpaid));

    let wrong_app_key = MerchantKey::parse(ALIPAY_KEY).unwrap();
    let impostor = AlipayAccount::new(APP_ID, SELLER_ID, wrong_app_key, GatewayKey::parse(ALIPAY_PUBLIC_KEY).unwrap());
    let impostor = AlipayGateway::new(impostor.at_gateway(alipay.gateway_url()));
    let refused = Err(GatewayFailure::Refused("isv.invalid-signature: 验签出错".into()));
    assert_eq!(impostor.query("ZG20240102000002").await, refused);
}

#[tokio::test]
async fn an_order_is_closed_at_alipay_and_one_never_started_there_counts_as_closed() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let gateway = alipay.gateway();
    open_cashier(&gateway, &order("ZG20240102000003", "http://127.0.0.1:9/notify")).await;
    assert_eq!(gateway.close("ZG20240102000003").await, Ok(()));
    assert!(alipay.was_called("alipay.trade.close", "ZG20240102000003"));
    assert_eq!(gateway.query("ZG20240102000003").await, Ok(GatewayOrder::Closed));
    assert_eq!(gateway.close("ZG20240102000009").await, Ok(()));
    assert_eq!(gateway.query("ZG20240102000009").await, Ok(GatewayOrder::Unpaid));
}

#[tokio::test]
async fn forged_changed_and_waiting_notifications_are_refused() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let receiver = Receiver::start().await;
    let gateway = alipay.gateway();
    open_cashier(&gateway, &order("ZG20240102000004", &receiver.url)).await;

    let answers = alipay.notify("ZG20240102000004", Notice::payment().forged().repeated(2)).await;
    assert!(answers.iter().all(|d| d.answer == "success") && answers.len() == 2);
    assert_eq!(verify(&gateway, &receiver.body(0).await), Err(NoticeRefused::BadSignature));
    alipay.notify("ZG20240102000004", Notice::payment().with_amount_changed_after_signing("0.01")).await;
    assert_eq!(verify(&gateway, &receiver.body(2).await), Err(NoticeRefused::BadSignature));
    alipay.notify("ZG20240102000004", Notice::still_waiting()).await;
    assert!(matches!(verify(&gateway, &receiver.body(3).await), Err(NoticeRefused::NothingToApply(_))));
    alipay.notify_unseen(&receiver.url, "ZG20249999999999", 500, Notice::payment()).await;
    let unseen = verify(&gateway, &receiver.body(4).await).unwrap();
    assert_eq!((unseen.order_no.as_str(), unseen.amount_fen), ("ZG20249999999999", 500));
}

#[tokio::test]
async fn the_cashier_s_button_pays_and_sends_the_browser_back_with_alipay_s_signed_parameters() {
    use server::gateways::payments::alipay::sign_content::{sign_content, SignTypeIn};
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let receiver = Receiver::start().await;
    let gateway = alipay.gateway();
    open_cashier(&gateway, &order("ZG20240102000005", &receiver.url)).await;
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let pressed = browser
        .post(format!("{}/cashier/pay", alipay.url))
        .form(&[("out_trade_no", "ZG20240102000005")])
        .send()
        .await
        .unwrap();
    assert_eq!(pressed.status(), 303);
    let location = pressed.headers()["location"].to_str().unwrap().to_string();
    let (back, query) = location.split_once('?').unwrap();
    assert_eq!(back, "http://127.0.0.1:9/pay/back");
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let sign = &params.iter().find(|(k, _)| k == "sign").unwrap().1;
    let alipay_key = GatewayKey::parse(ALIPAY_PUBLIC_KEY).unwrap();
    assert!(alipay_key.verifies(sign_content(&params, SignTypeIn::Dropped).as_bytes(), sign));
    assert_eq!(verify(&gateway, &receiver.body(0).await).unwrap().order_no, "ZG20240102000005");
}

#[tokio::test]
async fn a_bill_offered_from_another_host_moved_elsewhere_or_too_large_is_not_fetched() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let gateway = alipay.gateway();
    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    assert_eq!(gateway.bill(today).await, Ok(Some(Vec::new())), "an empty day's bill is read");
    for trouble in [BillTrouble::OtherHost, BillTrouble::Redirected, BillTrouble::Oversized] {
        alipay.bill_trouble(trouble);
        let fetched = gateway.bill(today).await;
        assert!(matches!(fetched, Err(GatewayFailure::Unreachable(_))), "{trouble:?}: {fetched:?}");
    }
}

#[tokio::test]
async fn a_refund_s_running_total_is_reported_so_a_first_partial_refund_is_not_the_whole() {
    let alipay = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let receiver = Receiver::start().await;
    let gateway = alipay.gateway();
    let order = order("ZG20240102000006", &receiver.url);
    open_cashier(&gateway, &order).await;
    alipay.pay(&order.order_no).await;
    verify(&gateway, &receiver.body(0).await).unwrap();
    let part = |refund_no: &str, fen: u64| RefundRequest {
        order_no: order.order_no.clone(),
        refund_no: refund_no.into(),
        refund_fen: fen,
        total_fen: 10000,
        reason: "部分退款".into(),
    };
    gateway.refund(&part("RFA", 3000)).await.unwrap();
    let first = verify(&gateway, &receiver.body(1).await).unwrap();
    assert_eq!((first.amount_fen, first.refund_no.as_deref()), (3000, Some("RFA")));
    gateway.refund(&part("RFB", 7000)).await.unwrap();
    let second = verify(&gateway, &receiver.body(2).await).unwrap();
    assert_eq!((second.amount_fen, second.refund_no.as_deref()), (10000, Some("RFB")), "everything refunded so far");
}

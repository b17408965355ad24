//! Alipay, against a local stand-in that checks what Alipay checks (issue 33): a candidate pays on
//! a phone (手机网站支付) or a computer (电脑网站支付) at Alipay's cashier; notifications are
//! believed only with Alipay's signature and applied once; forged, altered and late ones pay
//! nothing; an order whose notification was lost is found by asking; a closed order is closed at
//! Alipay; refunds go through it, and one made at Alipay's console refunds the order only once its
//! running total is the whole fee; the day's bill is compared with the orders.
use crate::support;

use std::time::Duration;

use serde_json::{json, Value};
use support::alipay_standin::{AlipayStandIn, Notice};
use support::fees::*;
use support::*;

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
const COMPUTER: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

async fn installation() -> (TestApp, AlipayStandIn, Browser) {
    let standin = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let app = spawn_app_at(|config, address| {
        standin.configure(config);
        config.public_url = Some(format!("http://{address}"));
    })
    .await;
    let alice = approved_with_fee(&app).await;
    (app, standin, alice)
}

/// A new Alipay order, with Alipay's cashier opened for it on `device` (a user agent).
async fn opened_order(app: &TestApp, alice: &Browser, device: &str) -> (String, reqwest::Response) {
    let order_no = order_through(alice, "alipay").await["order_no"].as_str().unwrap().to_string();
    let cashier =
        alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", device).send().await.unwrap();
    (order_no, cashier)
}

async fn until_order_is(alice: &Browser, state: &str) -> Value {
    for _ in 0..200 {
        let status = fee(alice).await;
        if status["order"]["state"] == state {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the order never became {state}: {}", fee(alice).await);
}

#[tokio::test]
async fn on_a_phone_the_candidate_pays_at_alipay_s_cashier_and_comes_back_paid() {
    let (app, standin, alice) = installation().await;
    let (order_no, cashier) = opened_order(&app, &alice, PHONE).await;
    assert_eq!(cashier.status(), 200);
    let method = cashier.url().query_pairs().find(|(k, _)| k == "method").unwrap().1.to_string();
    assert_eq!(method, "alipay.trade.wap.pay", "手机网站支付 on a phone");
    let page = cashier.text().await.unwrap();
    assert!(page.contains("¥100.00") && page.contains(&order_no), "{page}");
    let trade = standin.trade(&order_no).unwrap();
    assert_eq!(trade.notify_url, app.url("/api/payments/notify/alipay"));

    // 确认支付: Alipay notifies until answered `success`, and sends the browser back.
    let back = alice
        .http
        .post(format!("{}/cashier/pay", standin.url))
        .form(&[("out_trade_no", order_no.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(back.url().path(), "/exams/000");
    until_order_is(&alice, "paid").await;
    assert!(standin.acknowledged(&order_no, Duration::from_secs(20)).await);
    // Alipay's repeats (8 in 25 hours) change nothing.
    let repeats = standin.notify(&order_no, Notice::payment().repeated(3)).await;
    assert!(repeats.iter().all(|d| d.status == 200 && d.answer == "success"), "{repeats:?}");
    assert_eq!(audit_actions(&app).await.iter().filter(|a| *a == "order_paid").count(), 1);
}

#[tokio::test]
async fn on_a_computer_the_candidate_gets_alipay_s_web_cashier() {
    let (app, _standin, alice) = installation().await;
    let (_, cashier) = opened_order(&app, &alice, COMPUTER).await;
    let method = cashier.url().query_pairs().find(|(k, _)| k == "method").unwrap().1.to_string();
    assert_eq!(method, "alipay.trade.page.pay", "电脑网站支付 on a computer");
}

#[tokio::test]
async fn forged_altered_and_late_notifications_pay_nothing() {
    let (app, standin, alice) = installation().await;
    let (order_no, _) = opened_order(&app, &alice, PHONE).await;
    let forged = standin.notify(&order_no, Notice::payment().forged()).await;
    assert_eq!(forged[0].status, 403);
    let altered = standin.notify(&order_no, Notice::payment().with_amount_changed_after_signing("0.01")).await;
    assert_eq!(altered[0].status, 403);
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    standin.pay(&order_no).await;
    until_order_is(&alice, "paid").await;

    // Another order, closed by the candidate: closed at Alipay first, then a payment for it is
    // kept for staff and the order stays closed.
    let admin = app.admin().await;
    let refunded = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "重复报名" })).await;
    assert_eq!(refunded.status(), 200, "{}", refunded.text().await.unwrap());
    let (second, _) = opened_order(&app, &alice, PHONE).await;
    let closed = close_form(&alice, &second).await;
    assert_eq!(closed.url().path(), "/exams/000", "answered elsewhere: {}", closed.status());
    assert!(standin.was_called("alipay.trade.close", &second));
    let late = standin.notify(&second, Notice::payment()).await;
    assert_eq!(late[0].status, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "closed");
    let outcomes: Vec<Value> = flagged(&admin).await.iter().map(|n| n["outcome"].clone()).collect();
    assert!(outcomes.contains(&json!("paid_after_close")), "{outcomes:?}");
}

#[tokio::test]
async fn a_lost_notification_is_found_by_asking_and_a_refund_goes_through_alipay() {
    let (app, standin, alice) = installation().await;
    let (order_no, _) = opened_order(&app, &alice, COMPUTER).await;
    // Paid at Alipay; the notification never arrives.
    let trade_no = standin.pay_unannounced(&order_no);
    app.clock.set(app.clock_now() + chrono::Duration::minutes(6));
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    assert!(standin.was_called("alipay.trade.query", &order_no));

    let admin = app.admin().await;
    let refunded = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "考生放弃" })).await;
    assert_eq!(refunded.status(), 200, "{}", refunded.text().await.unwrap());
    assert!(standin.was_called("alipay.trade.refund", &order_no));
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    // Alipay's notification of the refund follows: acknowledged, and it refunds nothing twice.
    let answered = standin.deliveries().into_iter().any(|d| d.out_trade_no == order_no && d.answer == "success");
    assert!(answered || standin.acknowledged(&order_no, Duration::from_secs(20)).await);
    assert_eq!(audit_actions(&app).await.iter().filter(|a| *a == "order_refunded").count(), 1);
    // The day's bill holds the payment and the refund as Zige does.
    let today = app::ssr::payments::bill_check::china_today(chrono::Utc::now());
    let found = app::ssr::payments::bill_check::check_day(&app.state, "alipay", today).await.unwrap();
    assert_eq!(found, Some(0), "bill of {today} for {trade_no}: {:?}", flagged(&admin).await);
}

#[tokio::test]
async fn a_partial_refund_at_alipay_s_console_waits_for_staff_until_the_running_total_is_the_whole_fee() {
    let (app, standin, alice) = installation().await;
    let (order_no, _) = opened_order(&app, &alice, COMPUTER).await;
    standin.pay(&order_no).await;
    until_order_is(&alice, "paid").await;
    // ¥30.00 back from the merchant's console: refund_fee is everything refunded so far.
    let partial = standin.notify(&order_no, Notice::refund(3000, "CONSOLE1")).await;
    assert_eq!((partial[0].status, partial[0].answer.as_str()), (200, "success"));
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    let admin = app.admin().await;
    let outcomes: Vec<Value> = flagged(&admin).await.iter().map(|n| n["outcome"].clone()).collect();
    assert_eq!(outcomes, [json!("partial_refund")]);
    // The rest, ¥70.00: refund_fee ¥100.00, the whole fee.
    standin.notify(&order_no, Notice::refund(10000, "CONSOLE2")).await;
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    assert_eq!(flagged(&admin).await.len(), 1, "only the partial one waits");
}

#[tokio::test]
async fn a_missing_setting_or_an_unreadable_key_stops_the_start_naming_the_setting() {
    let standin = AlipayStandIn::start("127.0.0.1:0".parse().unwrap()).await;
    let folder = tempfile::tempdir().unwrap();
    let start = |adjust: &dyn Fn(&mut server::config::Config)| {
        let mut config = server::config::Config {
            public_url: Some("https://zige.example.cn".into()),
            test_installation: true,
            ..Default::default()
        };
        standin.configure(&mut config);
        adjust(&mut config);
        server::gateways::payments::payment_settings::gateways(&config).map(|g| g.len())
    };
    assert_eq!(start(&|_| {}), Ok(1));
    let missing = start(&|c| c.alipay_public_key_file = None).unwrap_err();
    assert!(missing.contains("ZIGE_ALIPAY_PUBLIC_KEY_FILE"), "{missing}");
    // Notifications are believed only for the merchant's own PID: it must be given.
    let no_seller = start(&|c| c.alipay_seller_id = None).unwrap_err();
    assert!(no_seller.contains("ZIGE_ALIPAY_SELLER_ID"), "{no_seller}");
    // Plain http only for a test installation's stand-in.
    let http = start(&|c| c.test_installation = false).unwrap_err();
    assert!(http.contains("ZIGE_ALIPAY_ENDPOINT") && http.contains("https"), "{http}");
    let unreadable = start(&|c| c.alipay_app_key_file = Some(folder.path().join("nowhere.pem"))).unwrap_err();
    assert!(unreadable.contains("ZIGE_ALIPAY_APP_KEY_FILE"), "{unreadable}");
    std::fs::write(folder.path().join("public.pem"), "not a key").unwrap();
    let not_a_key = start(&|c| c.alipay_public_key_file = Some(folder.path().join("public.pem"))).unwrap_err();
    assert!(not_a_key.contains("ZIGE_ALIPAY_PUBLIC_KEY_FILE") && !not_a_key.contains("not a key"), "{not_a_key}");
}

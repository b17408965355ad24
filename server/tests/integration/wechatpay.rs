//! WeChat Pay, against a local stand-in that checks what WeChat Pay checks (issue 33): a candidate
//! pays on a phone through the H5 cashier or scans the Native code on a computer; notifications
//! are believed only with the platform's signature and applied once; a forged, an altered, a
//! wrong-amount and a late notification pay nothing; an order whose notification never came is
//! asked about before it is called unpaid; a closed order is closed at WeChat Pay; refunds go
//! through it; and the day's bill is compared with the orders. Issue 50: a refund stays 退款中
//! until WeChat Pay reports its result, and one that fails or is partial waits for staff; an order
//! refunded at the merchant console is never called paid; every configured platform key is
//! believed by its serial, and requests name the platform public key; an unsigned refusal closes
//! nothing; another gateway's notification pays no WeChat Pay order; key files are narrowed.
use crate::support;

use std::time::Duration;

use serde_json::{json, Value};
use support::fees::*;
use support::wechatpay_standin::{WechatPayStandin, FIXTURES, PLATFORM_KEY_ID};
use support::*;

const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const COMPUTER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

/// An installation with a WeChat Pay merchant contract (the stand-in's), and ALICE approved for
/// exam 000's ¥100.00 fee.
async fn installation() -> (TestApp, WechatPayStandin, Browser, tempfile::TempDir) {
    let standin = WechatPayStandin::start("127.0.0.1:0".parse().unwrap()).await;
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_at(|config, address| {
        standin.configure(config, keys.path());
        config.public_url = Some(format!("http://{address}"));
    })
    .await;
    let alice = approved_with_fee(&app).await;
    (app, standin, alice, keys)
}

async fn wechat_order(alice: &Browser) -> String {
    order_through(alice, "wechatpay").await["order_no"].as_str().unwrap().to_string()
}

/// Waits (a few seconds at most) until the candidate's order is in `state`.
async fn until_order_is(alice: &Browser, state: &str) -> Value {
    for _ in 0..100 {
        let status = fee(alice).await;
        if status["order"]["state"] == state {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the order never became {state}: {}", fee(alice).await);
}

async fn post(app: &TestApp, notification: &support::wechatpay_standin::notifier::Notification) -> u16 {
    let mut request = raw_client().post(app.url("/api/payments/notify/wechatpay")).body(notification.body.clone());
    for (name, value) in &notification.headers {
        request = request.header(name, value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn on_a_phone_the_candidate_pays_at_wechat_pay_s_cashier_and_the_order_is_paid_once() {
    let (app, standin, alice, _keys) = installation().await;
    let offered = fee(&alice).await;
    let codes: Vec<&str> = offered["gateways"].as_array().unwrap().iter().filter_map(|g| g["code"].as_str()).collect();
    assert!(codes.contains(&"wechatpay"), "{offered}");
    let order_no = wechat_order(&alice).await;
    let pay_now = fee(&alice).await["order"]["cashier_url"].as_str().unwrap().to_string();
    assert_eq!(pay_now, format!("/pay/{order_no}"));

    // 去支付 on a phone: WeChat Pay's H5 cashier, asked for with the merchant's signature.
    let cashier = alice.http.get(app.url(&pay_now)).header("user-agent", PHONE).send().await.unwrap();
    assert_eq!(cashier.url().host_str(), Some("127.0.0.1"));
    assert_eq!(cashier.url().port(), Some(standin.address.port()), "the browser went on to WeChat Pay");
    let back = cashier.url().query_pairs().find(|(k, _)| k == "redirect_url").unwrap().1.to_string();
    assert_eq!(back, app.url(&format!("/exams/000?order={order_no}")));
    let page = cashier.text().await.unwrap();
    assert!(page.contains("¥100.00"), "{page}");
    assert_eq!(standin.trade(&order_no).unwrap().total, 10000);
    assert!(standin.calls().contains(&"POST /v3/pay/transactions/h5".to_string()));

    // 确认支付: WeChat Pay notifies, and the browser comes back to the exam page.
    let paid = alice
        .http
        .post(format!("{}/cashier/{order_no}", standin.url()))
        .form(&[("redirect_url", back.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(paid.url().as_str(), app.url(&format!("/exams/000?order={order_no}")));
    let status = until_order_is(&alice, "paid").await;
    assert_eq!(status["order"]["amount_fen"], 10000);

    // WeChat Pay repeats its notification for a day: each repeat changes nothing.
    let again = standin.payment_notification(&order_no, None);
    assert_eq!(post(&app, &again).await, 200);
    assert_eq!(post(&app, &again).await, 200);
    let paid_lines = audit_actions(&app).await.iter().filter(|a| *a == "order_paid").count();
    assert_eq!(paid_lines, 1, "one payment, however often reported");
    assert!(flagged(&app.admin().await).await.is_empty());
}

#[tokio::test]
async fn on_a_computer_the_candidate_is_shown_the_code_to_scan() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    let page =
        alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("微信支付") && html.contains("¥100.00"), "{html}");
    assert!(standin.calls().contains(&"POST /v3/pay/transactions/native".to_string()));
    // Another candidate cannot start it.
    let bob = app.new_candidate(BOB).await;
    assert_eq!(bob.get(&format!("/pay/{order_no}")).await.status(), 404);
    // Paid on the phone that scanned it: the notification pays the order.
    standin.pay(&order_no).await;
    until_order_is(&alice, "paid").await;
    // A paid order has nothing left to pay.
    assert_eq!(alice.get(&format!("/pay/{order_no}")).await.status(), 409);
}

#[tokio::test]
async fn forged_altered_wrong_amount_and_late_notifications_pay_nothing() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();

    let forger = server::gateways::payments::rsa_keys::MerchantKey::parse(
        &std::fs::read_to_string(format!("{FIXTURES}/alipay_java_test_app_key.pem")).unwrap(),
    )
    .unwrap();
    assert_eq!(post(&app, &standin.forged_notification(&order_no, &forger)).await, 403);
    let genuine = standin.payment_notification(&order_no, None);
    let altered = genuine.altered("\"id\":\"", "\"id\":\"X");
    assert_eq!(post(&app, &altered).await, 403, "one byte changed after signing");
    assert_eq!(fee(&alice).await["order"]["state"], "created");

    // Signed, but the payer paid ¥1.00: kept for staff, the order stays unpaid.
    assert_eq!(post(&app, &standin.payment_notification(&order_no, Some(100))).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    let admin = app.admin().await;
    assert_eq!(flagged(&admin).await[0]["outcome"], "amount_mismatch");

    // The candidate closes the order: it is closed at WeChat Pay first.
    let closed = close_form(&alice, &order_no).await;
    assert_eq!(closed.url().path(), "/exams/000", "answered elsewhere: {}", closed.status());
    assert!(standin.calls().contains(&format!("POST /v3/pay/transactions/out-trade-no/{order_no}/close")));
    assert_eq!(standin.trade(&order_no).unwrap().state.as_str(), "CLOSED");
    // A payment reported after that is kept for staff to refund, and the order stays closed.
    assert_eq!(post(&app, &genuine).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "closed");
    let outcomes: Vec<Value> = flagged(&admin).await.iter().map(|n| n["outcome"].clone()).collect();
    assert!(outcomes.contains(&json!("paid_after_close")), "{outcomes:?}");
}

#[tokio::test]
async fn an_order_whose_notification_never_came_is_asked_about_before_it_is_called_unpaid() {
    let (app, standin, alice, _keys) = installation().await;
    let lost = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{lost}"))).header("user-agent", COMPUTER).send().await.unwrap();
    standin.pay_unannounced(&lost);
    // Within its notification's grace it is left alone; after it, asked about and found paid.
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    app.clock.set(app.clock_now() + chrono::Duration::minutes(6));
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    assert!(standin.calls().contains(&format!("GET /v3/pay/transactions/out-trade-no/{lost}")));
}

#[tokio::test]
async fn an_order_never_paid_is_closed_at_wechat_pay_and_in_zige_once_past_its_payable_time() {
    let (app, standin, alice, _keys) = installation().await;
    let unpaid = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{unpaid}"))).header("user-agent", COMPUTER).send().await.unwrap();
    app.clock.set(app.clock_now() + chrono::Duration::hours(3));
    // Not called unpaid without WeChat Pay's word.
    standin.fail_next(1);
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "closed");
    assert_eq!(standin.trade(&unpaid).unwrap().state.as_str(), "CLOSED");
    assert!(audit_actions(&app).await.contains(&"order_closed".to_string()));
    // Past its payable time an order cannot be started again either.
    let again = wechat_order(&alice).await;
    app.clock.set(app.clock_now() + chrono::Duration::hours(3));
    let late = alice.http.get(app.url(&format!("/pay/{again}"))).header("user-agent", PHONE).send().await.unwrap();
    assert_eq!(late.status(), 409);
    assert!(late.text().await.unwrap().contains("支付时限"));
    // Never started at WeChat Pay: its signed ORDER_NOT_EXIST lets the sweep close it.
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "closed");
}

#[tokio::test]
async fn an_unsigned_order_not_exist_neither_closes_an_order_nor_calls_it_unpaid() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    standin.pay_unannounced(&order_no);
    app.clock.set(app.clock_now() + chrono::Duration::hours(3));
    // Someone between Zige and WeChat Pay answers 404 ORDER_NOT_EXIST, unsigned (to the query and
    // to the close that would follow it).
    standin.answer_unsigned_not_exist(2);
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "created", "left for the next pass");
    standin.answer_unsigned_not_exist(0);
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
}

#[tokio::test]
async fn a_notification_of_another_gateway_pays_no_wechat_pay_order() {
    let (app, _standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    let notice = app::ssr::infra::payment_gateway::GatewayNotice {
        notice_id: "SB1".into(),
        order_no: order_no.clone(),
        txn: "SBT1".into(),
        amount_fen: 10000,
        event: app::ssr::infra::payment_gateway::NoticeEvent::Paid,
        refund_no: None,
    };
    let (body, signature) = app.sandbox.as_ref().expect("the sandbox is on too").sign(&notice);
    let posted = raw_client()
        .post(app.url("/api/payments/notify/sandbox"))
        .header("sandbox-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    assert_eq!(outcomes(&app.admin().await).await, ["unknown_order"]);
}

/// An installation whose merchant is moving to the platform public key, configured with `keys`.
async fn moving_installation(both_keys: bool) -> (TestApp, WechatPayStandin, Browser, tempfile::TempDir) {
    let standin = WechatPayStandin::start("127.0.0.1:0".parse().unwrap()).await;
    standin.moving();
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_at(|config, address| {
        if both_keys {
            standin.configure_both_keys(config, keys.path());
        } else {
            standin.configure(config, keys.path());
        }
        config.public_url = Some(format!("http://{address}"));
    })
    .await;
    let alice = approved_with_fee(&app).await;
    (app, standin, alice, keys)
}

#[tokio::test]
async fn requests_name_the_platform_public_key_so_answers_come_signed_with_it() {
    let (app, standin, alice, _keys) = moving_installation(false).await;
    let order_no = wechat_order(&alice).await;
    let page =
        alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    assert_eq!(page.status(), 200, "{}", page.text().await.unwrap());
    let named = standin.serials_named();
    assert!(!named.is_empty() && named.iter().all(|serial| serial == PLATFORM_KEY_ID), "{named:?}");
}

#[tokio::test]
async fn while_moving_to_the_public_key_signatures_of_the_certificate_and_the_key_are_both_believed() {
    let (app, standin, alice, _keys) = moving_installation(true).await;
    let order_no = wechat_order(&alice).await;
    let page =
        alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    assert_eq!(page.status(), 200);
    standin.pay_unannounced(&order_no);
    assert_eq!(post(&app, &standin.payment_notification_signed_by(&order_no, true)).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    assert_eq!(post(&app, &standin.payment_notification_signed_by(&order_no, false)).await, 200);
    // A serial nobody configured is not believed.
    let unknown = standin.payment_notification_signed_by(&order_no, true);
    let mut renamed = unknown.clone();
    for (name, value) in renamed.headers.iter_mut() {
        if name == "wechatpay-serial" {
            *value = "5157F09EFDC096DE15EBE81A47057A72".into();
        }
    }
    assert_eq!(post(&app, &renamed).await, 403);
    assert_eq!(audit_actions(&app).await.iter().filter(|a| *a == "order_paid").count(), 1);
}

#[tokio::test]
async fn a_refund_goes_through_wechat_pay_and_its_notification_changes_nothing_more() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    standin.pay(&order_no).await;
    until_order_is(&alice, "paid").await;
    let admin = app.admin().await;

    standin.fail_next(1);
    let refused = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "考生放弃" })).await;
    assert_eq!(refused.status(), 409, "WeChat Pay did not take it");
    assert!(refused.text().await.unwrap().contains("支付机构"));
    assert_eq!(fee(&alice).await["order"]["state"], "paid");

    let refunded = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "考生放弃" })).await;
    assert_eq!(refunded.status(), 200, "{}", refunded.text().await.unwrap());
    assert!(standin.calls().contains(&"POST /v3/refund/domestic/refunds".to_string()));
    assert_eq!(standin.trade(&order_no).unwrap().state.as_str(), "REFUND");
    // WeChat Pay answers PROCESSING; its REFUND.SUCCESS follows and completes the refund.
    until_order_is(&alice, "refunded").await;
    // Repeated, it refunds nothing twice.
    let notice = standin.refund_notification(&order_no);
    assert_eq!(post(&app, &notice).await, 200);
    let refunds = audit_actions(&app).await.iter().filter(|a| *a == "order_refunded").count();
    assert_eq!(refunds, 1);
    assert!(flagged(&admin).await.is_empty());
}

/// A WeChat Pay order of ALICE's, paid and its payment notification applied.
async fn paid_order(app: &TestApp, standin: &WechatPayStandin, alice: &Browser) -> String {
    let order_no = wechat_order(alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    standin.pay(&order_no).await;
    until_order_is(alice, "paid").await;
    order_no
}

async fn outcomes(admin: &Browser) -> Vec<String> {
    flagged(admin).await.iter().map(|n| n["outcome"].as_str().unwrap_or_default().to_string()).collect()
}

#[tokio::test]
async fn a_refund_wechat_pay_takes_its_time_over_is_under_way_until_its_success_arrives() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = paid_order(&app, &standin, &alice).await;
    standin.hold_refund_results();
    let admin = app.admin().await;
    let asked = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "考生放弃" })).await;
    assert_eq!(asked.status(), 200);
    let order: Value = asked.json().await.unwrap();
    assert_eq!(order["state"], "refund_pending", "PROCESSING is not refunded yet: {order}");
    assert_eq!(fee(&alice).await["order"]["state"], "refund_pending");
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&"order_refund_requested".to_string()) && !actions.contains(&"order_refunded".to_string())
    );
    // Neither a new order nor a close while it is under way.
    let again = order_form(&alice, "wechatpay").await;
    assert_eq!(refused_saying(again, "退款正在处理中").await, (409, true));

    assert_eq!(post(&app, &standin.refund_notification(&order_no)).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    assert_eq!(audit_actions(&app).await.iter().filter(|a| *a == "order_refunded").count(), 1);
    assert!(flagged(&admin).await.is_empty());
}

#[tokio::test]
async fn a_refund_that_did_not_go_through_waits_for_staff_and_is_never_called_refunded() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = paid_order(&app, &standin, &alice).await;
    standin.hold_refund_results();
    let admin = app.admin().await;
    let asked = admin.call("admin_refund_order", json!({ "order_no": order_no, "reason": "考生放弃" })).await;
    assert_eq!(asked.status(), 200);
    // The payer's card no longer takes money back, then WeChat Pay closes the refund.
    assert_eq!(post(&app, &standin.refund_result(&order_no, "REFUND.ABNORMAL")).await, 200);
    assert_eq!(post(&app, &standin.refund_result(&order_no, "REFUND.CLOSED")).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "refund_pending");
    assert_eq!(outcomes(&admin).await, ["refund_failed", "refund_failed"]);
    assert!(!audit_actions(&app).await.contains(&"order_refunded".to_string()));
}

#[tokio::test]
async fn a_partial_refund_at_the_merchant_console_is_not_the_order_refunded() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = paid_order(&app, &standin, &alice).await;
    assert_eq!(post(&app, &standin.refund_at_console(&order_no, 3000)).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    let admin = app.admin().await;
    assert_eq!(outcomes(&admin).await, ["partial_refund"]);
    assert_eq!(flagged(&admin).await[0]["amount_fen"], 3000);
}

#[tokio::test]
async fn a_whole_refund_at_the_merchant_console_refunds_the_order() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = paid_order(&app, &standin, &alice).await;
    assert_eq!(post(&app, &standin.refund_at_console(&order_no, 10000)).await, 200);
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    assert!(flagged(&app.admin().await).await.is_empty());
}

#[tokio::test]
async fn an_order_refunded_at_the_merchant_console_before_zige_heard_of_its_payment_is_never_paid() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    // Paid, then refunded at the console; neither notification reaches Zige.
    standin.pay_unannounced(&order_no);
    let _lost = standin.refund_at_console(&order_no, 10000);
    app.clock.set(app.clock_now() + chrono::Duration::minutes(6));
    app::ssr::payments::gateway_orders::close_stale(&app.state).await.unwrap();
    // WeChat Pay's query says REFUND, and not how much: the payment and its refund together.
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    let admin = app.admin().await;
    assert_eq!(outcomes(&admin).await, ["refunded_at_gateway"]);
    let actions = audit_actions(&app).await;
    assert!(!actions.contains(&"order_paid".to_string()), "{actions:?}");
    // A new order may be made for the fee.
    assert_ne!(wechat_order(&alice).await, order_no);
}

#[tokio::test]
async fn the_day_s_bill_is_compared_with_the_orders_and_each_difference_is_flagged_once() {
    let (app, standin, alice, _keys) = installation().await;
    let order_no = wechat_order(&alice).await;
    alice.http.get(app.url(&format!("/pay/{order_no}"))).header("user-agent", COMPUTER).send().await.unwrap();
    standin.pay(&order_no).await;
    until_order_is(&alice, "paid").await;
    let today = app::ssr::payments::bill_check::china_today(chrono::Utc::now());
    // Zige took it at noon of the bill's day (its own clock is years ahead in these tests).
    set_paid_at(&app, &order_no, today.and_hms_opt(4, 0, 0).unwrap().and_utc()).await;

    let check = || app::ssr::payments::bill_check::check_day(&app.state, "wechatpay", today);
    assert_eq!(check().await.unwrap(), Some(0), "the bill and the orders agree");
    assert!(standin.calls().contains(&"GET /v3/billdownload/file".to_string()));

    standin.bill_adds("ZGNOSUCHORDER00000000", "4200STRANGER", 5000);
    standin.bill_leaves_out(&order_no);
    assert_eq!(check().await.unwrap(), Some(2));
    assert_eq!(check().await.unwrap(), Some(0), "a day checked again flags nothing twice");
    let outcomes: Vec<Value> = flagged(&app.admin().await).await.iter().map(|n| n["outcome"].clone()).collect();
    assert!(outcomes.contains(&json!("not_in_bill")) && outcomes.contains(&json!("only_in_bill")), "{outcomes:?}");
}

async fn set_paid_at(app: &TestApp, order_no: &str, at: chrono::DateTime<chrono::Utc>) {
    use app::ssr::entities::payment_order;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    payment_order::Entity::update_many()
        .col_expr(payment_order::Column::PaidAt, sea_orm::sea_query::Expr::value(at))
        .filter(payment_order::Column::OrderNo.eq(order_no))
        .exec(&app.state.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_missing_setting_or_an_unreadable_key_stops_the_start_naming_the_setting() {
    let standin = WechatPayStandin::start("127.0.0.1:0".parse().unwrap()).await;
    let keys = tempfile::tempdir().unwrap();
    let start = |adjust: &dyn Fn(&mut server::config::Config)| {
        let mut config = server::config::Config {
            data_dir: keys.path().to_path_buf(),
            public_url: Some("https://zige.example.cn".into()),
            sms_gateway: "log".into(),
            test_installation: true,
            ..Default::default()
        };
        standin.configure(&mut config, keys.path());
        adjust(&mut config);
        server::gateways::payments::payment_settings::gateways(&config).map(|g| g.len())
    };
    assert_eq!(start(&|_| {}), Ok(1));
    let missing = start(&|c| c.wechatpay_app_id = None).unwrap_err();
    assert!(missing.contains("ZIGE_WECHATPAY_APP_ID"), "{missing}");
    let unreadable = start(&|c| c.wechatpay_merchant_key_file = Some(keys.path().join("nowhere.pem"))).unwrap_err();
    assert!(unreadable.contains("ZIGE_WECHATPAY_MERCHANT_KEY_FILE"), "{unreadable}");
    let not_a_key =
        start(&|c| c.wechatpay_platform_key_file = Some(format!("{FIXTURES}/README.md").into())).unwrap_err();
    assert!(not_a_key.contains("ZIGE_WECHATPAY_PLATFORM_KEY_FILE") && !not_a_key.contains("stand-ins"), "{not_a_key}");
    let no_address = start(&|c| c.public_url = None).unwrap_err();
    assert!(no_address.contains("ZIGE_PUBLIC_URL"), "{no_address}");
    // Several platform keys pair files and ids in order.
    let unpaired =
        start(&|c| c.wechatpay_platform_key_id = Some(format!("{PLATFORM_KEY_ID},D7CE59D1F522D701"))).unwrap_err();
    assert!(unpaired.contains("ZIGE_WECHATPAY_PLATFORM_KEY_ID"), "{unpaired}");
    assert_eq!(start(&|c| standin.configure_both_keys(c, keys.path())), Ok(1));
}

#[tokio::test]
async fn wechat_pay_is_reached_over_https_only_outside_a_test_installation() {
    let standin = WechatPayStandin::start("127.0.0.1:0".parse().unwrap()).await;
    let keys = tempfile::tempdir().unwrap();
    let mut config = server::config::Config {
        public_url: Some("https://zige.example.cn".into()),
        test_installation: false,
        ..Default::default()
    };
    standin.configure(&mut config, keys.path());
    let refused = server::gateways::payments::payment_settings::gateways(&config).map(|g| g.len()).unwrap_err();
    assert!(refused.contains("ZIGE_WECHATPAY_ENDPOINT") && refused.contains("https"), "{refused}");
    config.wechatpay_endpoint = Some("https://api.mch.weixin.qq.com".into());
    assert_eq!(server::gateways::payments::payment_settings::gateways(&config).map(|g| g.len()), Ok(1));
}

#[cfg(unix)]
#[tokio::test]
async fn a_private_key_file_others_can_read_is_narrowed_to_its_owner_when_read() {
    use std::os::unix::fs::PermissionsExt;
    let standin = WechatPayStandin::start("127.0.0.1:0".parse().unwrap()).await;
    let keys = tempfile::tempdir().unwrap();
    let mut config = server::config::Config {
        public_url: Some("https://zige.example.cn".into()),
        test_installation: true,
        ..Default::default()
    };
    standin.configure(&mut config, keys.path());
    let loose = |path: &std::path::Path| std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    let (merchant_key, v3_key) =
        (config.wechatpay_merchant_key_file.clone().unwrap(), config.wechatpay_api_v3_key_file.clone().unwrap());
    loose(&merchant_key).unwrap();
    loose(&v3_key).unwrap();
    assert_eq!(server::gateways::payments::payment_settings::gateways(&config).map(|g| g.len()), Ok(1));
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&merchant_key), mode(&v3_key)), (0o600, 0o600));
}

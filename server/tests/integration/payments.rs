//! Fees after approval (issue 13): the order's amount is the exam's, a gateway's notifications are
//! believed only when signed and applied once however they arrive, money an order cannot take is
//! flagged for staff, staff record on-site payments and refunds, and every money action is audited.
use crate::support;

use serde_json::{json, Value};
use support::fees::*;
use support::*;

async fn order(alice: &Browser) -> Value {
    order_through(alice, "sandbox").await
}

#[tokio::test]
async fn an_approved_candidate_pays_the_exam_s_amount_once_however_often_the_gateway_reports_it() {
    let app = spawn_app().await;
    let alice = approved_with_fee(&app).await;
    let before = fee(&alice).await;
    assert_eq!(before["amount_fen"], 10000);
    assert_eq!(before["gateways"][0]["code"], "sandbox");
    assert!(before["order"].is_null());

    let made = order(&alice).await;
    assert_eq!(made["amount_fen"], 10000, "the amount is the exam's");
    assert_eq!(made["state"], "created");
    let order_no = made["order_no"].as_str().unwrap().to_string();
    assert!(made["cashier_url"].as_str().unwrap().ends_with(&order_no));
    // 生成订单 again (a second tab): the same open order, not a second one.
    assert_eq!(order(&alice).await["order_no"], order_no.as_str());

    // The gateway reports the payment twice under one id and once under another, the later one
    // first: the order is paid once.
    let second = paid("N2", &order_no, "T1", 10000);
    let first = paid("N1", &order_no, "T1", 10000);
    for notice in [&second, &first, &first, &second] {
        let answer = notify(&app, notice).await;
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.text().await.unwrap(), "success");
    }
    let after = fee(&alice).await;
    assert_eq!(after["order"]["state"], "paid");
    assert!(after["order"]["cashier_url"].is_null(), "nothing left to pay");
    // Paid, the page tells of an admission ticket only where the exam prints one.
    assert_eq!(after["ticket_follows"], false, "exam 000 prints no admission ticket");
    support::tickets::with_rooms(&app, &[("101", 30)]).await;
    assert_eq!(fee(&alice).await["ticket_follows"], true);
    assert_eq!(audit_actions(&app).await.iter().filter(|a| *a == "order_paid").count(), 1);
    assert_eq!(refused_saying(order_form(&alice, "sandbox").await, "费用已缴纳，无需再次支付").await, (409, true));
    let closing = close_form(&alice, &order_no).await;
    assert_eq!(refused_saying(closing, "订单已支付").await.0, 409, "a paid order cannot be closed");
}

#[tokio::test]
async fn a_forged_or_altered_notification_pays_nothing_and_a_sender_of_forgeries_is_held_back() {
    let app = spawn_app_with(|c| {
        c.rate_limits = true;
        c.behind_proxy = true;
    })
    .await;
    let alice = approved_with_fee(&app).await;
    let order_no = order(&alice).await["order_no"].as_str().unwrap().to_string();

    // Signed by another key (someone's own "sandbox"), unsigned, and a signed body with one byte
    // changed, all from one address.
    let forger = app::ssr::payments::sandbox_gateway::SandboxGateway::from_seed([9; 32]);
    let (body, foreign_signature) = forger.sign(&paid("F1", &order_no, "TX", 10000));
    let url = app.url("/api/payments/notify/sandbox");
    let from_forger = || raw_client().post(&url).header("x-forwarded-for", "198.51.100.66");
    let forged = from_forger().header("sandbox-signature", &foreign_signature).body(body.clone()).send().await.unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(from_forger().body(body.clone()).send().await.unwrap().status(), 403);
    let (good, signature) = app.sandbox.as_ref().unwrap().sign(&paid("F2", &order_no, "TX", 10000));
    let altered = String::from_utf8(good).unwrap().replace("10000", "10001");
    let changed = from_forger().header("sandbox-signature", &signature).body(altered).send().await.unwrap();
    assert_eq!(changed.status(), 403);
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    // Anyone may post here: refusals go to the log, not into the staff's audit log.
    assert!(audit_actions(&app).await.iter().all(|a| !a.contains("refused")));

    // Twenty forgeries from one address, then it is not even checked (one more every 3 s: on a
    // slow machine a few more may be checked on the way); the gateway's own notification, from
    // its own address, still pays.
    let mut answers = Vec::new();
    for _ in 3..40 {
        let answer = from_forger().header("sandbox-signature", &foreign_signature).body(body.clone()).send().await;
        answers.push(answer.unwrap().status().as_u16());
        if answers.last() == Some(&429) {
            break;
        }
    }
    assert_eq!(answers.last(), Some(&429), "{answers:?}");
    assert!(answers.len() >= 17, "the first twenty are checked: {answers:?}");
    assert_eq!(notify(&app, &paid("G1", &order_no, "TX", 10000)).await.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
}

#[tokio::test]
async fn money_an_order_cannot_take_is_kept_and_flagged_for_staff() {
    let app = spawn_app().await;
    let alice = approved_with_fee(&app).await;
    let admin_browser = app.admin().await;

    // A wrong amount: the order stays unpaid, the money is flagged.
    let first = order(&alice).await["order_no"].as_str().unwrap().to_string();
    assert_eq!(notify(&app, &paid("M1", &first, "T-small", 1)).await.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "created");

    // The candidate closes it and pays through a new order; a late payment of the closed one
    // arrives afterwards: flagged, the new order paid once.
    assert_eq!(close_form(&alice, &first).await.url().path(), "/exams/000");
    let second = order(&alice).await["order_no"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    assert_eq!(notify(&app, &paid("M2", &second, "T-good", 10000)).await.status(), 200);
    assert_eq!(notify(&app, &paid("M3", &first, "T-late", 10000)).await.status(), 200);
    // And the same order paid a second time by another transaction.
    assert_eq!(notify(&app, &paid("M4", &second, "T-again", 10000)).await.status(), 200);
    // And a notification for an order Zige never made.
    assert_eq!(notify(&app, &paid("M5", "ZGNOSUCHORDER", "T-x", 10000)).await.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "paid");

    // The fees panel lists them, oldest first, with the amount that arrived; settling needs a note.
    let flags = flagged(&admin_browser).await;
    let outcomes: Vec<_> = flags.iter().map(|f| (f["txn"].as_str().unwrap(), f["outcome"].as_str().unwrap())).collect();
    assert_eq!(
        outcomes,
        [
            ("T-small", "amount_mismatch"),
            ("T-late", "paid_after_close"),
            ("T-again", "paid_twice"),
            ("T-x", "unknown_order")
        ]
    );
    assert_eq!(flags[0]["amount_fen"], 1);
    assert_eq!(flags[1]["order_no"], first.as_str());
    let settle = |id: &Value, note: &str| {
        admin_browser.call("admin_settle_payment_flag", json!({ "notice_id": id, "note": note }))
    };
    assert_eq!(error_kind(settle(&flags[0]["id"], " ").await).await.1, "InvalidField");
    assert!(settle(&flags[0]["id"], "refunded ¥0.01 by bank transfer").await.status().is_success());
    assert_eq!(flagged(&admin_browser).await.len(), 3);
    assert!(audit_actions(&app).await.contains(&"payment_flag_settled".to_string()));
    assert_eq!(alice.call("admin_flagged_payments", json!({ "exam_code": "000" })).await.status(), 403);

    // The day's reconciliation lists both orders beside their notifications.
    let day = app.clock_now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).format("%Y-%m-%d");
    let csv = admin_browser.get(&format!("/api/admin/exams/000/payments.csv?day={day}")).await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    let line_of =
        |no: &str| text.lines().find(|l| l.starts_with(no)).unwrap_or_else(|| panic!("{no} in {text}")).to_string();
    assert!(line_of(&first).contains(",closed,"), "{text}");
    assert!(line_of(&first).ends_with(",2,amount_mismatch paid_after_close,1"), "{text}");
    assert!(line_of(&second).contains(",paid,T-good,"), "{text}");
    assert!(line_of(&second).contains("¥100.00"), "{text}");
    // Only administrators.
    assert_eq!(alice.get(&format!("/api/admin/exams/000/payments.csv?day={day}")).await.status(), 403);
}

#[tokio::test]
async fn staff_record_an_on_site_payment_and_a_refund_and_both_are_audited() {
    let app = spawn_app().await;
    let alice = approved_with_fee(&app).await;
    let open = order(&alice).await["order_no"].as_str().unwrap().to_string();
    let admin = app.admin().await;

    let recorded = admin
        .call(
            "admin_record_on_site_payment",
            json!({ "exam_code": "000", "id_number": ALICE, "receipt_no": "WX-2026-0001" }),
        )
        .await;
    assert_eq!(recorded.status(), 200, "{}", recorded.text().await.unwrap());
    let on_site: Value = recorded.json().await.unwrap();
    assert_eq!((on_site["state"].as_str(), on_site["gateway"].as_str()), (Some("paid"), Some("on_site")));
    assert_eq!(on_site["amount_fen"], 10000);
    let status = fee(&alice).await;
    assert_eq!(status["order"]["order_no"], on_site["order_no"]);
    // The online order left open was closed: a payment of it now is flagged, not taken.
    assert_eq!(notify(&app, &paid("L1", &open, "T-late", 10000)).await.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    let twice = admin
        .call("admin_record_on_site_payment", json!({ "exam_code": "000", "id_number": ALICE, "receipt_no": "WX-2" }))
        .await;
    assert_eq!(twice.status(), 409, "paid already");

    let no_reason = admin.call("admin_refund_order", json!({ "order_no": on_site["order_no"], "reason": " " })).await;
    assert_eq!(no_reason.status(), 422);
    let refunded = admin
        .call("admin_refund_order", json!({ "order_no": on_site["order_no"], "reason": "withdrew before the exam" }))
        .await;
    assert_eq!(refunded.status(), 200);
    assert_eq!(fee(&alice).await["order"]["state"], "refunded");
    // A candidate may not do staff's part.
    let denied = alice
        .call("admin_record_on_site_payment", json!({ "exam_code": "000", "id_number": ALICE, "receipt_no": "X" }))
        .await;
    assert_eq!(denied.status(), 403);

    let actions = audit_actions(&app).await;
    for action in ["order_created", "order_closed", "on_site_payment_recorded", "order_refunded", "payment_notice_kept"]
    {
        assert!(actions.iter().any(|a| a == action), "{action} missing from {actions:?}");
    }
}

#[tokio::test]
async fn no_order_before_approval_is_published_nor_for_another_candidate_s_order() {
    let app = spawn_app().await;
    charge_for_000(&app, "amount_fen = 10000\nonline = true").await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let early = order_form(&alice, "sandbox").await;
    assert_eq!(refused_saying(early, "审核通过并公布结果后才能缴费").await, (409, true));
    assert!(fee(&alice).await.is_null(), "no fee is shown before approval");

    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let order_no = order(&alice).await["order_no"].as_str().unwrap().to_string();
    let bob = app.new_candidate(BOB).await;
    let closing = close_form(&bob, &order_no).await;
    assert_eq!(closing.status(), 404, "another candidate's order is not found");
    assert_eq!(bob.get(&format!("/sandbox/cashier/{order_no}")).await.status(), 404);
    assert_eq!(alice.get(&format!("/sandbox/cashier/{order_no}")).await.status(), 200);
}

#[tokio::test]
async fn paying_at_the_sandbox_cashier_notifies_late_and_twice_and_pays_once_and_the_return_waits_for_it() {
    let app = spawn_app_with(|c| {
        c.sandbox_notice_delay_ms = 300;
        c.sandbox_notice_repeats = 2;
    })
    .await;
    let alice = approved_with_fee(&app).await;
    let order_no = order(&alice).await["order_no"].as_str().unwrap().to_string();
    let page = alice.get(&format!("/sandbox/cashier/{order_no}")).await.text().await.unwrap();
    assert!(page.contains("¥100.00") && page.contains(&order_no), "{page}");
    let paid = alice
        .http
        .post(app.url(&format!("/sandbox/cashier/{order_no}/pay")))
        .multipart(reqwest::multipart::Form::new())
        .send()
        .await
        .unwrap();
    assert_eq!(paid.url().path(), "/exams/000", "back to the exam page: {}", paid.url());
    // The notification comes later; the page the cashier returns to waited for it.
    let page = paid.text().await.unwrap();
    assert!(page.contains("费用已缴纳"), "the returning page's fee card: {page}");
    assert_eq!(fee(&alice).await["order"]["state"], "paid");
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let actions = audit_actions(&app).await;
    assert_eq!(actions.iter().filter(|a| *a == "order_paid").count(), 1);
}

#[tokio::test]
async fn an_installation_that_did_not_ask_for_the_sandbox_offers_no_way_to_pay_without_money() {
    assert!(!server::config::Config::default().payment_sandbox, "the sandbox is off unless configuration asks");
    let app = spawn_app_with(|c| c.payment_sandbox = false).await;
    let alice = approved_with_fee(&app).await;
    let status = fee(&alice).await;
    assert_eq!(status["gateways"], json!([]), "no gateway offered: {status}");
    let refused = order_form(&alice, "sandbox").await;
    assert_eq!(refused.status(), 404, "the sandbox does not exist here");
    assert_eq!(alice.get("/sandbox/cashier/anything").await.status(), 404);
}

#[tokio::test]
async fn a_server_with_an_https_address_refuses_to_start_with_the_sandbox_unless_it_is_a_test_installation() {
    let data_dir = tempfile::tempdir().unwrap();
    let config = |test_installation| server::config::Config {
        data_dir: data_dir.path().to_path_buf(),
        public_url: Some("https://zige.example.cn".to_string()),
        payment_sandbox: true,
        test_installation,
        ..server::config::Config::default()
    };
    let options = || leptos::prelude::LeptosOptions::builder().output_name("zige").build();
    let refused = server::process::startup::prepare(&config(false), options()).await.err().expect("refused");
    assert!(refused.to_string().contains("ZIGE_TEST_INSTALLATION"), "{refused}");
    assert!(
        server::process::startup::prepare(&config(true), options()).await.is_ok(),
        "a declared test installation starts"
    );
}

#[tokio::test]
async fn the_fee_is_recorded_once_per_candidate_and_a_receipt_number_once_per_exam() {
    use app::domain::payment_order::OrderState;
    use app::ssr::entities::payment_order;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let app = spawn_app().await;
    charge_for_000(&app, "amount_fen = 10000\non_site = true").await;
    app.submitted_candidate(ALICE).await;
    app.submitted_candidate(BOB).await;
    let reviewer = app.reviewer().await;
    for _ in 0..2 {
        let application = reviewer.first_waiting("000").await;
        let sheet = reviewer.sheet(application).await;
        reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    }
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let admin = app.admin().await;
    let record = |id_number: &'static str, receipt: &'static str| {
        admin.call(
            "admin_record_on_site_payment",
            json!({ "exam_code": "000", "id_number": id_number, "receipt_no": receipt }),
        )
    };
    assert_eq!(record(ALICE, "ZFB-0001").await.status(), 200);
    let (status, _, body) = error_kind(record(BOB, "ZFB-0001").await).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("收款凭证号 ZFB-0001"), "the message names the receipt: {body}");
    assert_eq!(record(BOB, "ZFB-0002").await.status(), 200);

    // Two on-site checks at once, the second insert landing after the first's check: the database holds one.
    let paid = payment_order::Entity::find()
        .filter(payment_order::Column::State.eq(OrderState::Paid))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut second: payment_order::ActiveModel = paid.clone().into();
    second.id = sea_orm::ActiveValue::NotSet;
    second.order_no = Set(format!("{}-again", paid.order_no));
    second.paid_txn = Set(Some("ZFB-0003".to_string()));
    assert!(second.insert(&app.state.db).await.is_err(), "a second paid order of one application is refused");
}

#[tokio::test]
async fn back_from_the_cashier_without_paying_the_fee_card_says_no_result_came_and_only_then() {
    let app = spawn_app_with(|c| c.sandbox_notice_delay_ms = 300).await;
    let alice = approved_with_fee(&app).await;
    let order_no = order(&alice).await["order_no"].as_str().unwrap().to_string();
    // The exam page as the fee card's 支付完毕 opens it: the server waited, no result came.
    let asked = alice.get(&format!("/exams/000?order={order_no}")).await.text().await.unwrap();
    assert!(asked.contains("尚未收到支付结果") && asked.contains(&order_no), "{asked}");
    assert_eq!(fee(&alice).await["order"]["state"], "created");
    // Opened plainly, the page neither waits nor says so; the order waits to be paid.
    let plain = alice.get("/exams/000").await.text().await.unwrap();
    assert!(!plain.contains("尚未收到支付结果") && plain.contains("去支付") && plain.contains("关闭订单"), "{plain}");
    // Another candidate's order number in the address asks about nothing of theirs.
    let bob = app.new_candidate(BOB).await;
    let theirs = bob.get(&format!("/exams/000?order={order_no}")).await.text().await.unwrap();
    assert!(!theirs.contains(&order_no), "another's order shown");
}

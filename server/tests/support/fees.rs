//! Fees as the payment tests use them: an exam with a fee and an approved candidate, the
//! candidate's orders and fee, and what staff and the audit log see.

use serde_json::{json, Value};

use app::ssr::infra::payment_gateway::{GatewayNotice, NoticeEvent};

use super::{at, raw_client, Browser, TestApp, ALICE};

/// Exam 000 with a fee of ¥100.00 payable online and on site, ALICE approved and the results
/// published (the server's clock moved past them).
pub async fn approved_with_fee(app: &TestApp) -> Browser {
    charge_for_000(app, "amount_fen = 10000\nonline = true\non_site = true").await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    alice
}

/// Gives exam 000 a `[fee]` with these lines, through the administrator's exam file.
pub async fn charge_for_000(app: &TestApp, fee: &str) {
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = detail["source"].as_str().unwrap();
    let windows = source.find("[windows]").unwrap();
    let with_fee = format!("{}[fee]\n{fee}\n\n{}", &source[..windows], &source[windows..]);
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": with_fee })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
}

/// A new order of exam 000's fee through `gateway`, as the fee card's 生成订单 makes it.
pub async fn order_through(alice: &Browser, gateway: &str) -> Value {
    let made = order_form(alice, gateway).await;
    assert_eq!((made.status().as_u16(), made.url().path()), (200, "/exams/000"), "answered elsewhere");
    fee(alice).await["order"].clone()
}

/// The fee card's 生成订单 for exam 000, as the browser sends it; the answer after its redirect
/// (the exam page at its fee card), or the plain page saying why not.
pub async fn order_form(alice: &Browser, gateway: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("gateway", gateway.to_string());
    alice.http.post(format!("{}/exams/000/fee-order", alice.app_url())).multipart(form).send().await.unwrap()
}

/// The fee card's 关闭订单, as [`order_form`].
pub async fn close_form(alice: &Browser, order_no: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("order_no", order_no.to_string());
    alice.http.post(format!("{}/exams/000/fee-order/close", alice.app_url())).multipart(form).send().await.unwrap()
}

/// A form's refusal: its status and whether its page says `words`.
pub async fn refused_saying(answer: reqwest::Response, words: &str) -> (u16, bool) {
    let status = answer.status().as_u16();
    (status, answer.text().await.unwrap().contains(words))
}

pub async fn fee(alice: &Browser) -> Value {
    alice.call("fee_status", json!({ "exam_code": "000" })).await.json().await.unwrap()
}

/// The notifications waiting for staff, as the fees panel lists them.
pub async fn flagged(admin: &Browser) -> Vec<Value> {
    let listed = admin.call("admin_flagged_payments", json!({ "exam_code": "000" })).await;
    listed.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

pub async fn audit_actions(app: &TestApp) -> Vec<String> {
    use sea_orm::EntityTrait;
    app::ssr::entities::audit_entry::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|line| line.action)
        .collect()
}

/// Posts a notification to the gateway address as the sandbox gateway signs it.
pub async fn notify(app: &TestApp, notice: &GatewayNotice) -> reqwest::Response {
    let (body, signature) = app.sandbox.as_ref().expect("the sandbox is on").sign(notice);
    raw_client()
        .post(app.url("/api/payments/notify/sandbox"))
        .header("content-type", "application/json")
        .header("sandbox-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The sandbox gateway's notice that `order_no` was paid.
pub fn paid(notice_id: &str, order_no: &str, txn: &str, amount_fen: u64) -> GatewayNotice {
    GatewayNotice {
        notice_id: notice_id.into(),
        order_no: order_no.into(),
        txn: txn.into(),
        amount_fen,
        event: NoticeEvent::Paid,
        refund_no: None,
    }
}

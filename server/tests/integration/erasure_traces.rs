//! What is left of a person once their data is erased (issue 50): their ID number, name, mobile
//! and email, looked for in every column of every table. Decisions, payments and the audit stay,
//! tied to the emptied account and masked; nothing else names them.
use crate::support;

use std::time::{Duration, Instant};

use app::ssr::entities::picture_finding;
use sea_orm::EntityTrait;
use serde_json::json;
use support::id_card_pictures::id_card_scan;
use support::review_pictures::jpeg;
use support::traces::traces_of;
use support::*;

/// Waits until the assistant has compared a card's number with an account's, and the card
/// read `number` where it differs (`None`: whatever it read).
async fn read_somewhere(app: &TestApp, number: Option<&str>) {
    let started = Instant::now();
    loop {
        let findings = picture_finding::Entity::find().all(&app.state.db).await.unwrap();
        if findings
            .iter()
            .any(|f| f.id_number.is_some() && number.is_none_or(|n| f.id_number_read.as_deref() == Some(n)))
        {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{number:?} never read off a card: {findings:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_deleted_account_leaves_its_number_name_mobile_and_email_in_no_table() {
    let app = spawn_app().await;
    let erin = resident_id(41);
    let (name, mobile, email) = ("郑一鸣", "13700000041", "zheng.yiming@example.cn");
    let browser = app.browser();
    let fields = json!({ "id_type": "resident_id", "id_number": erin, "name": name, "mobile": mobile, "password": "secret-pass-1", "email": email, "id_valid_until": "2036-05-01",
        "typed_again": { "id_type": "resident_id", "id_number": erin, "name": name } });
    assert!(browser.call("sign_up", json!({ "fields": fields })).await.status().is_success());
    // On an exam's imported list, with a card whose number the assistant reads, and texted and
    // emailed a recovery code.
    let admin = app.admin().await;
    let csv = format!("{erin},{name}");
    assert!(admin.call("admin_import_eligibility", json!({ "code": "004", "csv": csv })).await.status().is_success());
    assert!(browser.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    let card = browser.upload("id_card", 1, "card.jpg", jpeg(&id_card_scan(&erin, false), 92)).await;
    assert_eq!(card.status(), 201);
    read_somewhere(&app, None).await;
    for channel in ["sms", "email"] {
        let asked = browser.call("request_recovery_code", json!({ "id_number": erin, "channel": channel })).await;
        assert!(asked.status().is_success());
    }
    let texts = [erin.as_str(), name, mobile, email];
    assert!(traces_of(&app.state.db, &texts).await.len() >= 4, "the test sees where she is written");

    let form = reqwest::multipart::Form::new().text("password", "secret-pass-1");
    let deleted = browser.http.post(app.url("/account/delete")).multipart(form).send().await.unwrap();
    assert_eq!(deleted.status(), 200);
    assert_eq!(traces_of(&app.state.db, &texts).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_card_replaced_again_in_the_same_round_takes_the_number_read_off_it_along() {
    let app = spawn_app().await;
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "请重新上传身份证正面" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());
    // She hands in someone else's card first, then her own: the first was never seen by anyone.
    let wrong = alice.replace(&ids[0], "id_card", 1, jpeg(&id_card_scan(CAROL, false), 92)).await;
    assert!(wrong.status().is_success());
    read_somewhere(&app, Some(CAROL)).await;
    let right = alice.replace(&ids[0], "id_card", 1, jpeg(&id_card_scan(ALICE, false), 92)).await;
    assert!(right.status().is_success());
    assert_eq!(traces_of(&app.state.db, &[CAROL]).await, Vec::<String>::new());
}

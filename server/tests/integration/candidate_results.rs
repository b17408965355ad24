//! One rule for when a candidate sees a result, used by every page that shows one; and the
//! small races and exports a careless or hostile user would hit.
use crate::support;

use serde_json::{json, Value};
use support::*;

/// Approves the oldest waiting application of exam 000 as the demo reviewer.
async fn approve_first(app: &TestApp) {
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
}

async fn my_exam_state(browser: &Browser, code: &str) -> String {
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    let card =
        cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == code).expect("the exam is listed").clone();
    card["state"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn my_exams_shows_no_result_before_the_results_time() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first(&app).await;
    assert_eq!(my_exam_state(&alice, "000").await, "submitted", "the list keeps the decision as the exam page does");
    assert_eq!(alice.exam_page().await["state"], "submitted");

    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    assert_eq!(my_exam_state(&alice, "000").await, "approved");
    assert_eq!(alice.exam_page().await["state"], "approved");
}

#[tokio::test]
async fn accepting_the_pledge_twice_at_once_succeeds_both_times() {
    let app = spawn_app().await;
    let browser = app.new_candidate(ALICE).await;
    let (first, second) = tokio::join!(
        browser.call("accept_pledge", json!({ "code": "000" })),
        browser.call("accept_pledge", json!({ "code": "000" }))
    );
    assert_eq!((first.status().as_u16(), second.status().as_u16()), (200, 200));
    let page = browser.exam_page().await;
    assert!(page["pledge_accepted_at"].is_string());
}

#[tokio::test]
async fn a_name_written_as_a_formula_stays_text_in_the_csv_export() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert!(browser.sign_up(ALICE, "=HYPERLINK(\"http://x\",\"点\")", "secret-pass-1").await.status().is_success());
    assert!(browser.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1), ("other", 1)] {
        browser.upload_ok(category, seq_no, samples::jpeg(120, 90)).await;
    }
    assert!(browser.save_application("000", json!({}), None, true).await.status().is_success());
    let admin = app.admin().await;
    let text =
        String::from_utf8(admin.get("/api/admin/exams/000/results.csv").await.bytes().await.unwrap().to_vec()).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(!text.lines().any(|line| line.starts_with("=") || line.contains(",=")), "{text}");
}

/// The four windows as the admin page sends them (local time in the exam's +08:00), each
/// `days` from the server's clock.
fn windows_from(app: &TestApp, days: [i64; 4]) -> Value {
    let china = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    json!(days.map(|d| (app.clock_now() + chrono::Duration::days(d))
        .with_timezone(&china)
        .format("%Y-%m-%dT%H:%M")
        .to_string()))
}

#[tokio::test]
async fn moving_the_results_time_moves_the_page_the_notification_and_the_messages() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first(&app).await;
    let admin = app.admin().await;
    let result_news = || async {
        let notices: Value = alice.call("my_notifications", json!({})).await.json().await.unwrap();
        notices.as_array().unwrap().iter().any(|n| n["message_zh"].as_str().unwrap().contains("审核通过"))
    };
    let held_messages = || async {
        use app::ssr::entities::outbox_message;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let rows = outbox_message::Entity::find()
            .filter(outbox_message::Column::Body.contains("审核通过"))
            .filter(outbox_message::Column::HeldForResultsOf.eq("000"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 2, "an email and a text");
        rows.iter().all(|r| r.not_before > app.clock_now())
    };
    assert!(!result_news().await && held_messages().await);

    // Published early: everything shows now.
    let moved = admin
        .call("admin_set_windows", json!({ "code": "000", "windows_local": windows_from(&app, [-3, -2, -1, -1]) }))
        .await;
    assert_eq!(moved.status(), 200, "{}", moved.text().await.unwrap());
    assert_eq!(alice.exam_page().await["state"], "approved");
    assert!(result_news().await, "the notification follows the new time");
    assert!(!held_messages().await, "the email and text may go now");

    // Put off again: hidden again, and the unsent messages wait again.
    let moved = admin
        .call("admin_set_windows", json!({ "code": "000", "windows_local": windows_from(&app, [-3, 10, 20, 30]) }))
        .await;
    assert_eq!(moved.status(), 200);
    assert_eq!(alice.exam_page().await["state"], "submitted");
    assert!(!result_news().await);
}

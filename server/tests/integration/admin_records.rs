//! What administrators take away from an exam's review: the results as CSV and .xlsx, and the
//! day-by-day count of applications per state behind the progress chart; and the exam's
//! administration page, which shows them.
use crate::support;

use serde_json::{json, Value};
use support::*;

async fn decide_first(app: &TestApp, decision: Value) {
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    assert!(reviewer.decide(application, version, decision).await.status().is_success());
}

#[tokio::test]
async fn results_export_as_csv_and_xlsx_with_full_id_numbers_as_text() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    app.submitted_candidate(BOB).await;
    decide_first(&app, json!("Approve")).await;
    decide_first(&app, json!({ "Reject": { "reason": "学历不符合报考条件" } })).await;
    let admin = app.admin().await;

    let csv = admin.get("/api/admin/exams/000/results.csv").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains("000-results.csv"));
    let text = String::from_utf8(csv.bytes().await.unwrap().to_vec()).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "a header and one line per application: {lines:?}");
    assert!(lines[0].starts_with("姓名 Name,证件号码 ID number,状态 State"));
    assert!(lines.iter().any(|l| l.contains("11010519491231002X") && l.contains("审核通过") && l.contains(",1,")));
    assert!(lines
        .iter()
        .any(|l| l.contains("320102199506123416") && l.contains("审核不通过") && l.contains("学历不符合报考条件")));

    let xlsx = admin.get("/api/admin/exams/000/results.xlsx").await;
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip");
    assert!(bytes.windows(24).any(|w| w == b"xl/worksheets/sheet1.xml"));
    assert_eq!(app.reviewer().await.get("/api/admin/exams/000/results.xlsx").await.status(), 403);
}

#[tokio::test]
async fn progress_counts_applications_per_state_at_the_end_of_each_day() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    app.candidate(BOB).await;
    decide_first(&app, json!("Approve")).await;
    app.clock.set(app.clock_now() + chrono::Duration::days(2));

    let progress: Value =
        app.admin().await.call("admin_exam_progress", json!({ "code": "000" })).await.json().await.unwrap();
    let days = progress["days"].as_array().unwrap();
    assert!(days.len() >= 3, "from the first step's day to two days later: {days:?}");
    let series = |state: &str| -> Vec<u64> {
        progress["series"].as_array().unwrap().iter().find(|s| s[0] == state).unwrap()[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect()
    };
    let last_three = |state: &str| series(state)[days.len() - 3..].to_vec();
    assert_eq!(last_three("approved"), [1, 1, 1]);
    assert_eq!(last_three("draft"), [1, 1, 1], "Bob accepted the pledge and never submitted");
    assert_eq!(last_three("submitted"), [0, 0, 0], "Alice's submission was decided");
}

/// An exam's administration page is sent whole, on every load: the progress chart and the
/// document templates are in the page the browser first paints. A part read only in the browser
/// once made the server send either them or the 加载中 placeholder, at random, and the browser
/// then sometimes failed to bring the page to life.
#[tokio::test]
async fn an_exams_administration_page_is_sent_whole_on_every_load() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for load in 1..=12 {
        let page = admin.get("/admin/exams/000").await.text().await.unwrap();
        assert!(
            page.contains(r#"data-testid="progress-chart""#) && page.contains("template-panel"),
            "load {load} was sent without its parts: {page}"
        );
    }
}

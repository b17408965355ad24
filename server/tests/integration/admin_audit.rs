//! Every change an administrator makes to exams lands in the audit log, and the log pages and
//! filters, so a flood of failed logins hides nothing.
use crate::support;

use serde_json::{json, Value};
use support::*;

async fn audit(admin: &Browser, query: Value) -> Vec<Value> {
    let response = admin.call("admin_audit_log", json!({ "query": query })).await;
    assert_eq!(response.status(), 200);
    response.json::<Vec<Value>>().await.unwrap()
}

#[tokio::test]
async fn exam_changes_are_audited_with_who_and_what() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert!(admin
        .call("admin_create_exam", json!({ "preset": "001", "code": "001-b", "source": "" }))
        .await
        .status()
        .is_success());
    let china = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let windows: Vec<String> = [-1, 10, 20, 30]
        .iter()
        .map(|d| {
            (app.clock_now() + chrono::Duration::days(*d)).with_timezone(&china).format("%Y-%m-%dT%H:%M").to_string()
        })
        .collect();
    assert!(admin
        .call("admin_set_windows", json!({ "code": "001-b", "windows_local": windows }))
        .await
        .status()
        .is_success());
    assert!(admin
        .call("admin_import_eligibility", json!({ "code": "004", "csv": format!("{ALICE},考生\nbad-row") }))
        .await
        .status()
        .is_success());
    let source: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    assert!(admin
        .call("admin_save_exam", json!({ "code": "000", "source": source["source"] }))
        .await
        .status()
        .is_success());
    let form = reqwest::multipart::Form::new()
        .text("name", "sample.jpg")
        .part("file", reqwest::multipart::Part::bytes(samples::jpeg(200, 150)).file_name("x.jpg"));
    admin.http.post(app.url("/api/admin/exams/000/examples")).multipart(form).send().await.unwrap();

    let lines = audit(&admin, json!({ "hide_failed_logins": true })).await;
    let find = |action: &str| {
        lines.iter().find(|l| l["action"] == action).unwrap_or_else(|| panic!("no {action} line in {lines:?}")).clone()
    };
    assert_eq!(find("exam_created")["target"], "exam 001-b");
    assert!(find("exam_created")["detail"].as_str().unwrap().contains("preset 001"));
    assert!(find("windows_changed")["detail"].as_str().unwrap().contains("upload_closes"));
    assert!(find("eligibility_imported")["detail"].as_str().unwrap().contains("1 rows added, 1 refused"));
    assert_eq!(find("exam_changed")["target"], "exam 000");
    assert!(find("example_added")["detail"].as_str().unwrap().contains("examples/sample.jpg"));
    assert!(
        lines
            .iter()
            .filter(|l| l["action"] != "demo_data_created")
            .all(|l| l["actor"].as_str().unwrap().starts_with("赵管理")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn a_flood_of_failed_logins_hides_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let reviewer = app.new_reviewer(CAROL, &["000"]).await;
    let _ = reviewer;
    for n in 0..120 {
        app.browser().log_in(&format!("11010519491231{n:04}"), "guess-pass-1").await;
    }

    let newest = audit(&admin, json!({})).await;
    assert_eq!(newest.len(), 100, "a page holds 100 lines");
    assert!(newest.iter().all(|l| l["action"] == "failed_login"), "the flood fills the first page");

    let older = audit(&admin, json!({ "before_id": newest.last().unwrap()["id"] })).await;
    let newest_ids: Vec<i64> = newest.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert!(older.iter().all(|l| !newest_ids.contains(&l["id"].as_i64().unwrap())), "pages do not overlap");
    assert!(older.iter().any(|l| l["action"] == "role_change"), "the next page reaches the reviewer's creation");

    let without_flood = audit(&admin, json!({ "hide_failed_logins": true })).await;
    assert!(without_flood
        .iter()
        .any(|l| l["action"] == "role_change" && l["target"].as_str().unwrap().contains("审核员")));
    assert!(without_flood.iter().all(|l| l["action"] != "failed_login"));

    let only_roles = audit(&admin, json!({ "action": "role_change" })).await;
    assert!(!only_roles.is_empty() && only_roles.iter().all(|l| l["action"] == "role_change"));
    let by_name = audit(&admin, json!({ "search": "审核员" })).await;
    assert!(!by_name.is_empty() && by_name.iter().all(|l| l.to_string().contains("审核员")));
}

#[tokio::test]
async fn the_audit_log_is_exported_whole_or_as_filtered_for_administrators_only_and_the_export_is_audited() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    assert_eq!(app.browser().log_in(ALICE, "wrong-pass-9").await.status(), 401);
    let admin = app.admin().await;

    let csv = admin.get("/api/admin/audit.csv").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains("audit-log.csv"));
    let text = String::from_utf8(csv.bytes().await.unwrap().to_vec()).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("编号,时间（北京时间）,操作人,操作,对象,详情"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains(",failed_login,")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains(",demo_data_created,")), "{lines:?}");

    // As the page filters it, posting the filter (a search for a name or an ID number stays out
    // of the address): failed logins only.
    let form = reqwest::multipart::Form::new()
        .text("action", "failed_login")
        .text("search", "")
        .text("hide_failed_logins", "false");
    let filtered =
        admin.http.post(format!("{}/api/admin/audit.csv", admin.app_url())).multipart(form).send().await.unwrap();
    assert_eq!(filtered.status(), 200);
    let text = String::from_utf8(filtered.bytes().await.unwrap().to_vec()).unwrap();
    let rows: Vec<&str> = text.trim_start_matches('\u{feff}').lines().skip(1).collect();
    assert!(!rows.is_empty() && rows.iter().all(|l| l.contains(",failed_login,")), "{rows:?}");

    let xlsx = admin.get("/api/admin/audit.xlsx").await;
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"), "an .xlsx is a zip");

    // Not for a candidate (nor a reviewer), and each download is itself a line of the log.
    let candidate = app.browser();
    assert_eq!(candidate.log_in(ALICE, "secret-pass-1").await.status(), 200);
    assert_eq!(candidate.get("/api/admin/audit.csv").await.status(), 403);
    let log = audit(&admin, json!({ "action": "export_downloaded" })).await;
    let downloads = log.iter().filter(|l| l["target"] == "audit log").count();
    assert_eq!(downloads, 3, "{log:?}");
}

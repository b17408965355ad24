//! Personal data kept no longer than needed (issue 32, 个人信息保护法): an exam's file names the
//! day until which its candidates' pictures and personal forms are kept; before it nothing is
//! deleted, after it an administrator sees the dry run and deletes them (or the server does on its
//! own), audited with the backups that still hold them; decisions and the audit stay.
use crate::support;

use serde_json::{json, Value};
use support::*;

/// Exam 000's file with `personal_data_until` set (a top-level key, before any table).
async fn keep_until(app: &TestApp, day: &str) {
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let earlier: Vec<&str> =
        detail["source"].as_str().unwrap().lines().filter(|line| !line.starts_with("personal_data_until")).collect();
    let source = format!("personal_data_until = \"{day}\"\n{}", earlier.join("\n"));
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": source })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
}

async fn approved_alice(app: &TestApp) -> (Browser, Vec<String>) {
    let (alice, pictures) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success());
    (alice, pictures)
}

#[tokio::test]
async fn after_its_day_an_exam_s_pictures_and_forms_are_deleted_and_its_decisions_stay() {
    let app = spawn_app().await;
    let (alice, pictures) = approved_alice(&app).await;
    keep_until(&app, "2099-06-30").await;
    let admin = app.admin().await;
    // A backup taken meanwhile, as `server backup` records it.
    app::ssr::infra::audit::record(
        &app.state.db,
        None,
        app::ssr::infra::audit::AuditAction::BackupTaken,
        "installation",
        "s3://zige-backups/2099-05-01: 5 files",
        app.clock_now(),
    )
    .await
    .unwrap();

    // Before the day: the dry run, and no deletion.
    app.clock.set(at("2099-06-30T23:00:00+08:00"));
    let held: Value = admin.call("admin_personal_data", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!((held["until"].as_str(), held["due"].as_bool()), (Some("2099-06-30"), Some(false)), "{held}");
    assert_eq!((held["candidates"].as_u64(), held["pictures"].as_u64()), (Some(1), Some(5)), "{held}");
    let early = admin.call("admin_delete_personal_data", json!({ "exam_code": "000" })).await;
    assert_eq!(early.status(), 422);
    assert!(early.text().await.unwrap().contains("个人信息保留至 2099-06-30"));
    assert_eq!(alice.get(&format!("/api/materials/{}/file", pictures[0])).await.status(), 200);

    // After it (China's calendar): deleted, audited with the backups that still hold them.
    app.clock.set(at("2099-07-01T00:30:00+08:00"));
    let held: Value = admin.call("admin_personal_data", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(held["due"], true);
    assert!(held["backups"][0][1].as_str().unwrap().contains("s3://zige-backups/2099-05-01"), "{held}");
    let deleted = admin.call("admin_delete_personal_data", json!({ "exam_code": "000" })).await;
    assert_eq!(deleted.status(), 200, "{}", deleted.text().await.unwrap());
    for picture in &pictures {
        assert_eq!(alice.get(&format!("/api/materials/{picture}/file")).await.status(), 404);
    }
    assert!(app.blob_files().await.is_empty(), "no picture's file is left: {:?}", app.blob_files().await);
    let after: Value = admin.call("admin_personal_data", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(
        (after["pictures"].as_u64(), after["forms"].as_u64(), after["candidates"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    let log: Value = admin
        .call("admin_audit_log", json!({ "query": { "action": "personal_data_deleted" } }))
        .await
        .json()
        .await
        .unwrap();
    let line = log[0]["detail"].as_str().unwrap().to_string();
    assert!(line.contains("5 pictures") && line.contains("s3://zige-backups/2099-05-01"), "{line}");
    // The decision stays: the candidate still sees she was approved.
    let page = alice.exam_page().await;
    assert_eq!(page["result"]["state"], "approved");
    // A candidate may not do it.
    assert_eq!(alice.call("admin_delete_personal_data", json!({ "exam_code": "000" })).await.status(), 403);
}

#[tokio::test]
async fn the_server_deletes_what_is_past_its_day_on_its_own_and_nothing_else() {
    let app = spawn_app().await;
    let (alice, pictures) = approved_alice(&app).await;
    use app::ssr::admin::personal_data_retention::delete_due;
    // Without a day, or before it, nothing goes.
    app.clock.set(at("2100-01-01T00:00:00+08:00"));
    assert_eq!(delete_due(&app.state).await.unwrap(), 0);
    keep_until(&app, "2101-01-01").await;
    assert_eq!(delete_due(&app.state).await.unwrap(), 0);
    assert_eq!(alice.get(&format!("/api/materials/{}/file", pictures[0])).await.status(), 200);
    keep_until(&app, "2099-12-31").await;
    assert_eq!(delete_due(&app.state).await.unwrap(), 1);
    assert_eq!(alice.get(&format!("/api/materials/{}/file", pictures[0])).await.status(), 404);
    assert_eq!(delete_due(&app.state).await.unwrap(), 0, "done once");
}

#[tokio::test]
async fn a_filled_personal_form_is_emptied_after_its_day() {
    let app = spawn_app().await;
    // Exam 000 asks for one more thing, which the candidate fills in as a draft.
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = format!(
        "{}\n\n[[form]]\nkey = \"school\"\nlabel_zh = \"毕业院校\"\nlabel_en = \"School\"\nkind = \"text\"\n",
        detail["source"].as_str().unwrap()
    );
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": source })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
    let alice = app.candidate(ALICE).await;
    let kept = alice.save_application("000", json!({ "school": "北京师范大学" }), None, false).await;
    assert!(kept.status().is_success(), "{}", kept.text().await.unwrap());
    assert_eq!(alice.exam_page().await["form"]["school"], "北京师范大学");

    keep_until(&app, "2099-06-30").await;
    app.clock.set(at("2099-07-01T08:00:00+08:00"));
    let held: Value = admin.call("admin_personal_data", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!((held["forms"].as_u64(), held["candidates"].as_u64()), (Some(1), Some(1)), "{held}");
    let deleted = admin.call("admin_delete_personal_data", json!({ "exam_code": "000" })).await;
    assert_eq!(deleted.status(), 200, "{}", deleted.text().await.unwrap());

    let page = alice.exam_page().await;
    assert_eq!(page["form"], json!({}), "what she typed is gone: {}", page["form"]);
    let after: Value = admin.call("admin_personal_data", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(after["forms"].as_u64(), Some(0), "{after}");
}

//! An installation with no known password, the first administrator from the command line, and
//! what administrators do for people locked out of their accounts, each step audited.
use crate::support;

use serde_json::{json, Value};
use support::*;

async fn audit_actions(admin: &Browser) -> Vec<(String, String, String)> {
    let rows: Value = admin.call("admin_audit_log", json!({})).await.json().await.unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap().to_string(),
                r["target"].as_str().unwrap().to_string(),
                r["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `server admin create` on the app's database, the password given as the operator would.
fn create_first_administrator(app: &TestApp, password: &str) -> std::process::Output {
    app.command()
        .args([
            "admin",
            "create",
            "--id-number",
            "110101198001010053",
            "--name",
            "首位管理员",
            "--mobile",
            "13900000001",
        ])
        .env("ZIGE_ADMIN_PASSWORD", password)
        .output()
        .unwrap()
}

#[tokio::test]
async fn without_demo_data_no_account_exists_and_the_command_line_creates_the_first_administrator() {
    let app = spawn_app_with(|config| config.seed_demo = false).await;
    assert_eq!(
        app.browser().log_in("44030519850315456X", "zige-admin-2026").await.status(),
        401,
        "no published password works"
    );

    let refused = create_first_administrator(&app, "short");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("password: The password needs 8–64 characters"));

    let created = create_first_administrator(&app, "chosen-by-operator-9");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));

    let admin = app.browser();
    assert_eq!(admin.log_in("110101198001010053", "chosen-by-operator-9").await.status(), 200);
    assert_eq!(admin.call("admin_overview", json!({})).await.status(), 200, "the new account administers");
    let lines = audit_actions(&admin).await;
    assert!(
        lines.iter().any(|(action, target, detail)| action == "account_created"
            && target.contains("首位管理员")
            && detail.contains("command line")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn demo_data_is_created_once_and_a_restart_does_not_undo_an_administrators_change() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let reviewers: Value = admin.call("admin_reviewers", json!({})).await.json().await.unwrap();
    let demo_reviewer = reviewers[0]["id"].as_i64().unwrap();
    let withdrawn = admin
        .call("admin_assign_reviewer", json!({ "reviewer_id": demo_reviewer, "exam_code": "000", "duty": null }))
        .await;
    assert_eq!(withdrawn.status(), 200);

    // What a restart runs on the same database.
    server::demo_data::ensure_demo_data(&app.state).await.unwrap();

    let reviewers: Value = admin.call("admin_reviewers", json!({})).await.json().await.unwrap();
    assert_eq!(reviewers[0]["assignments"], json!([["004", "review"]]), "the withdrawn assignment stays withdrawn");
}

#[tokio::test]
async fn an_administrator_releases_a_squatted_id_number_to_its_owner() {
    let app = spawn_app().await;
    let squatter = app.candidate(ALICE).await;
    let owner = app.browser();
    let (status, kind, body) = error_kind(owner.sign_up(ALICE, "真正的本人", "owner-pass-1").await).await;
    assert_eq!((status, kind.as_str()), (409, "DuplicateIdNumber"));
    let _ = body;

    let admin = app.admin().await;
    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": ALICE.to_lowercase() })).await.json().await.unwrap();
    assert_eq!(found["name"], "考生");
    assert_eq!(found["mobile_masked"], "138****8000");
    let released = admin.call("admin_release_id_number", json!({ "user_id": found["id"] })).await;
    assert_eq!(released.status(), 200);

    assert_eq!(owner.sign_up(ALICE, "真正的本人", "owner-pass-1").await.status(), 200, "the owner can sign up now");
    let me: Value = squatter.call("current_user", json!({})).await.json().await.unwrap();
    assert!(me.is_null(), "the squatter is signed out");
    assert_eq!(
        app.browser().log_in(ALICE, "secret-pass-1").await.status(),
        401,
        "the squatter's password opens nothing"
    );
    let released_number = format!("RELEASED-{}-{ALICE}", found["id"]);
    assert_eq!(
        app.browser().log_in(&released_number, "secret-pass-1").await.status(),
        401,
        "nor does the marked number the old account keeps"
    );
    let lines = audit_actions(&admin).await;
    assert!(
        lines.iter().any(|(action, target, _)| action == "id_number_released" && target.contains("考生")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn an_administrator_sets_a_temporary_password_shown_once() {
    let app = spawn_app().await;
    let candidate = app.candidate(ALICE).await;
    let admin = app.admin().await;
    let found: Value = admin.call("admin_find_account", json!({ "id_number": ALICE })).await.json().await.unwrap();
    let temporary: Value =
        admin.call("admin_reset_password", json!({ "user_id": found["id"] })).await.json().await.unwrap();
    let password = temporary["password"].as_str().unwrap();
    assert_eq!(password.chars().count(), 12);

    let me: Value = candidate.call("current_user", json!({})).await.json().await.unwrap();
    assert!(me.is_null(), "the old session ended");
    assert_eq!(app.browser().log_in(ALICE, "secret-pass-1").await.status(), 401);
    assert_eq!(app.browser().log_in(ALICE, password).await.status(), 200);
    let lines = audit_actions(&admin).await;
    assert!(
        lines.iter().any(|(action, _, detail)| action == "password_reset" && detail.contains("administrator")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn only_administrators_manage_accounts() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    assert_eq!(reviewer.call("admin_find_account", json!({ "id_number": ALICE })).await.status(), 403);
    assert_eq!(reviewer.call("admin_reset_password", json!({ "user_id": 1 })).await.status(), 403);
    assert_eq!(app.browser().call("admin_release_id_number", json!({ "user_id": 1 })).await.status(), 401);
}

#[tokio::test]
async fn administrators_create_administrators_and_the_log_says_who() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let fields = json!({ "id_type": "resident_id", "id_number": DAVE, "name": "第二管理员", "mobile": "13900139001", "password": "second-admin-2" });
    let created = admin.call("admin_create_admin", json!({ "fields": fields })).await;
    assert_eq!(created.status(), 200);
    let second = app.browser();
    assert_eq!(second.log_in(DAVE, "second-admin-2").await.status(), 200);
    assert_eq!(second.call("admin_overview", json!({})).await.status(), 200);
    let lines = audit_actions(&admin).await;
    assert!(
        lines.iter().any(|(action, target, detail)| action == "account_created"
            && target.contains("第二管理员")
            && detail == "created with role admin"),
        "{lines:?}"
    );
}

#[tokio::test]
async fn the_demo_candidate_was_approved_in_002_and_finds_the_steps_after_approval_waiting() {
    let app = spawn_app().await;
    let li_ming = app.browser();
    assert!(li_ming.log_in("44030519900101123X", "zige-demo-2026").await.status().is_success());
    let page = li_ming.exam_page_of("002").await;
    assert_eq!(page["state"], "approved", "{page}");

    let form = li_ming.get("/api/exams/002/registration-form.pdf").await;
    assert_eq!(form.status(), 200);
    let text = support::pdf::poppler("pdftotext", &[], &form.bytes().await.unwrap());
    for expected in ["报名登记表", "李明", "会计学", "市税务局 › 基层分局一级科员（会计）", "招聘单位资格复审意见"]
    {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // The fee comes first, then a seat, then the ticket.
    let (status, _, body) = error_kind(li_ming.get("/api/exams/002/ticket.pdf").await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("缴费成功后才能打印准考证"), "{body}");
    // Paid on site (seed 004's way), recorded by staff; then the seat is what is missing.
    let admin = app.admin().await;
    let recorded = admin
        .call(
            "admin_record_on_site_payment",
            json!({ "exam_code": "002", "id_number": "44030519900101123X", "receipt_no": "DEMO-1" }),
        )
        .await;
    assert_eq!(recorded.status(), 200, "{}", recorded.text().await.unwrap());
    let (_, _, body) = error_kind(li_ming.get("/api/exams/002/ticket.pdf").await).await;
    assert!(body.to_string().contains("考场座位尚在安排"), "{body}");

    // Someone who signs up finds only what the other demo exams offer: 002 admits its list.
    let newcomer = app.new_candidate(ALICE).await;
    assert_eq!(error_kind(newcomer.call("accept_pledge", json!({ "code": "002" })).await).await.1, "NotEligible");
}

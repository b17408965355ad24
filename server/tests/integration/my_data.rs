//! A candidate's own data (issue 32, 个人信息保护法): everything held about them as one archive,
//! theirs alone and no more than the page shows; and the account deleted at their request where
//! no exam still needs it.
use crate::support;

use std::io::Read;

use serde_json::{json, Value};
use support::*;

/// The archive's files by name.
async fn archive_of(candidate: &Browser) -> std::collections::BTreeMap<String, Vec<u8>> {
    let response = candidate.get("/api/my-data.zip").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}

/// How many rows of `table` match `condition` (raw SQL: the sessions table has no entity here).
async fn rows_of(app: &TestApp, table: &str, condition: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.state.db.get_database_backend();
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {condition}");
    let row = app.state.db.query_one(Statement::from_string(backend, sql)).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn delete_account(candidate: &Browser, password: &str) -> (u16, String) {
    let form = reqwest::multipart::Form::new().text("password", password.to_string());
    let response =
        candidate.http.post(format!("{}/account/delete", candidate.app_url())).multipart(form).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_archive_holds_the_candidate_s_own_data_as_the_page_shows_it() {
    let app = spawn_app().await;
    let (alice, pictures) = app.submitted_candidate(ALICE).await;
    app.submitted_candidate(BOB).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;

    let files = archive_of(&alice).await;
    let account: Value = serde_json::from_slice(&files["account.json"]).unwrap();
    assert_eq!(account["id_number"], ALICE);
    assert_eq!(account["id_valid_until"], "long_term", "the document's validity as given at sign-up");
    assert_eq!(account["official_account"], Value::Null, "no 公众号 bound");
    let everything = files.values().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<String>();
    assert!(!everything.contains("argon2") && !everything.contains(BOB), "no hash, nobody else");
    let stored: Vec<&String> = files.keys().filter(|name| name.starts_with("exams/000/pictures/")).collect();
    assert_eq!(stored.len(), 5, "{:?}", files.keys());
    let served = alice.get(&format!("/api/materials/{}/file", pictures[0])).await.bytes().await.unwrap().to_vec();
    assert_eq!(files["exams/000/pictures/id_card-01.jpg"], served);
    // The decision stays hidden until the results time, here as on the page.
    let application: Value = serde_json::from_slice(&files["exams/000/application.json"]).unwrap();
    assert!(!application.to_string().contains("审核通过"), "{application}");
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let later: Value = serde_json::from_slice(&archive_of(&alice).await["exams/000/application.json"]).unwrap();
    assert!(later.to_string().contains("审核通过"), "{later}");
    // What the machine's checks found in her pictures is hers too, once it has looked at them all.
    let started = std::time::Instant::now();
    let checks = loop {
        let files = archive_of(&alice).await;
        let checks: Value =
            files.get("exams/000/machine_checks.json").map_or(json!([]), |f| serde_json::from_slice(f).unwrap());
        if checks.as_array().unwrap().len() == 5 {
            break checks;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "never looked at: {checks}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    let card = checks.as_array().unwrap().iter().find(|c| c["category"] == "id_card" && c["seq_no"] == 1).unwrap();
    assert_eq!(card["id_number"], "unreadable", "{card}");
    assert!(card["looks_advice"].is_string(), "{card}");
    // Only one's own, signed in.
    assert_eq!(app.browser().get("/api/my-data.zip").await.status(), 401);
}

#[tokio::test]
async fn an_account_is_deleted_at_its_owner_s_request_only_where_no_exam_still_needs_it() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let (status, page) = delete_account(&alice, "wrong-password-1").await;
    assert_eq!(status, 422);
    assert!(page.contains("密码不正确"), "{page}");
    let (status, page) = delete_account(&alice, "secret-pass-1").await;
    assert_eq!(status, 422);
    assert!(page.contains("暂不能注销账户"), "{page}");

    // A candidate who only began: deleted, signed out, the picture gone, the number free.
    let carol = app.candidate(&resident_id(31)).await;
    let carol_id = app::ssr::accounts::account_store::find_by_id_number(&app.state.db, &resident_id(31))
        .await
        .unwrap()
        .unwrap()
        .id;
    let keyed = carol
        .http
        .post(app.url("/api/materials"))
        .header("idempotency-key", "carol-upload-1")
        .multipart(upload_form("000", "id_card", 1, "card.jpg", samples::jpeg(120, 90)))
        .send()
        .await
        .unwrap();
    assert_eq!(keyed.status(), 201);
    // Carol is signed in on a second browser too.
    let elsewhere = app.browser();
    assert!(elsewhere.log_in(&resident_id(31), "secret-pass-1").await.status().is_success());
    assert_eq!(rows_of(&app, "idempotency_keys", &format!("user_id = {carol_id}")).await, 1);
    let her_sessions = format!("data LIKE '%\"user_id\":{carol_id},%' OR data LIKE '%\"user_id\":{carol_id}}}%'");
    assert_eq!(rows_of(&app, "sessions", &her_sessions).await, 2);
    let files_before = app.blob_files().await.len();
    let (status, page) = delete_account(&carol, "secret-pass-1").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(rows_of(&app, "idempotency_keys", &format!("user_id = {carol_id}")).await, 0, "her kept answers went");
    assert_eq!(rows_of(&app, "sessions", &her_sessions).await, 0, "her other browser's session went");
    assert!(elsewhere.call("current_user", json!({})).await.json::<Value>().await.unwrap().is_null());
    assert!(page.contains("账户已注销"));
    assert_eq!(app.blob_files().await.len(), files_before - 1);
    assert_eq!(carol.get("/api/my-data.zip").await.status(), 401, "signed out");
    assert_eq!(app.browser().log_in(&resident_id(31), "secret-pass-1").await.status(), 401);
    assert!(app.browser().sign_up(&resident_id(31), "考生", "secret-pass-2").await.status().is_success());
    let log: Value = app
        .admin()
        .await
        .call("admin_audit_log", json!({ "query": { "action": "account_deleted" } }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.as_array().unwrap().len(), 1);

    // Once exam 000's retention day has passed, ALICE may go too.
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = format!("personal_data_until = \"2099-06-30\"\n{}", detail["source"].as_str().unwrap());
    assert!(admin.call("admin_save_exam", json!({ "code": "000", "source": source })).await.status().is_success());
    let (status, page) = delete_account(&alice, "secret-pass-1").await;
    assert_eq!(status, 422);
    assert!(page.contains("2099-06-30"), "{page}");
    app.clock.set(at("2099-07-02T00:00:00+08:00"));
    let (status, page) = delete_account(&alice, "secret-pass-1").await;
    assert_eq!(status, 200, "{page}");
}

#[tokio::test]
async fn one_archive_per_account_in_ten_minutes_and_past_the_cap_a_refusal_that_names_it() {
    let app = spawn_app_with(|config| {
        config.rate_limits = true;
        config.archive_max_files = 8;
    })
    .await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    assert_eq!(bob.get("/api/my-data.zip").await.status(), 200);
    let again = bob.get("/api/my-data.zip").await;
    assert_eq!(again.status(), 429);
    let wait: u64 = again.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((500..=601).contains(&wait), "told to wait {wait} s");
    // Alice's five pictures and her texts are more files than this installation allows at once.
    let (status, kind, body) = error_kind(alice.get("/api/my-data.zip").await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"), "{body}");
    let message = body["InvalidField"]["message_zh"].as_str().unwrap();
    assert!(message.contains("超过一次下载的上限（8 个文件"), "{message}");
}

#[tokio::test]
async fn wrong_passwords_to_delete_an_account_are_limited_as_a_log_in_s_and_audited() {
    let app = spawn_app_with(|config| config.rate_limits = true).await;
    let alice = app.candidate(ALICE).await;
    let mut refused = 0;
    for n in 0..12 {
        let (status, page) = delete_account(&alice, &format!("wrong-password-{n}")).await;
        match status {
            422 => assert!(page.contains("密码不正确"), "{page}"),
            429 => refused += 1,
            other => panic!("answer {other}: {page}"),
        }
    }
    // Ten wrong ones per account and address, then the way is closed, even to the right one.
    assert_eq!(refused, 2);
    assert_eq!(delete_account(&alice, "secret-pass-1").await.0, 429);
    let admin = app.admin().await;
    let lines = admin.call("admin_audit_log", json!({ "query": { "action": "failed_login" } })).await;
    let lines: Vec<Value> = lines.json().await.unwrap();
    let wrong = lines.iter().filter(|l| l["detail"] == "wrong password to delete the account").count();
    assert_eq!(wrong, 10, "{lines:?}");
}

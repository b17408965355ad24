//! A server an operator can watch (issue 32): `/ready` says whether the database, its migrations
//! and the blob store answer, and which does not; `/metrics` is never public — on the main
//! address only for the configured token, on an address of its own for a private network — and
//! holds the figures an operator watches on deadline night; every request is logged in one line
//! (one JSON object when asked) with an id the response carries back.
use crate::support;

use std::io::Read;
use std::time::{Duration, Instant};

use migration::{Migrator, MigratorTrait};
use serde_json::Value;
use server::config::Config;
use support::*;

#[tokio::test]
async fn ready_names_what_is_missing_and_is_ready_again_once_it_is_back() {
    let app = spawn_app().await;
    let answer = app.browser().get("/ready").await;
    assert_eq!(answer.status(), 200);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["checks"], serde_json::json!({ "database": "ok", "migrations": "ok", "storage": "ok" }));

    // The database behind this binary (an older version's, say): not ready, and it says why,
    // once the answer kept for a second is gone. Undone and done again on a connection of their
    // own: on SQLite another connection of the server's pool may still hold the schema from before
    // the column was dropped, and adding it back there fails as "duplicate column name" (seen once
    // in a full run on a busy machine).
    let config = Config {
        data_dir: app.data_dir.path().to_path_buf(),
        database_url: app.database_url.clone(),
        ..Config::default()
    };
    let mut one_connection = sea_orm::ConnectOptions::new(config.database_url());
    one_connection.max_connections(1).sqlx_logging(false);
    let migrations = sea_orm::Database::connect(one_connection).await.unwrap();
    Migrator::down(&migrations, Some(1)).await.unwrap();
    assert_eq!(app.browser().get("/ready").await.status(), 200, "the answer of a moment ago");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let answer = app.browser().get("/ready").await;
    assert_eq!(answer.status(), 503);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["ready"], false);
    assert!(body["checks"]["migrations"].as_str().unwrap().contains("1 migration(s) not applied"), "{body}");
    assert_eq!(body["checks"]["database"], "ok");

    Migrator::up(&migrations, None).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(app.browser().get("/ready").await.status(), 200);
    assert_eq!(app.browser().get("/health").await.status(), 200);
}

#[tokio::test]
async fn ready_tells_the_public_a_word_and_the_log_the_driver_s_text() {
    support::captured_log::captured_log();
    // The folder of pictures turned into a file: every read of the store fails with the
    // system's own words.
    let app = spawn_app_with(|config| config.blob_url = None).await;
    let folder = app.data_dir.path().join("blobs");
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let answer = app.browser().get("/ready").await;
    assert_eq!(answer.status(), 503);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["checks"]["storage"], "unavailable", "{body}");
    assert!(!body.to_string().contains("os error"), "{body}");
    assert!(support::captured_log::captured_text().contains("not ready"));
}

#[tokio::test]
async fn metrics_answer_only_the_token_on_the_main_address_and_anyone_on_their_own() {
    let port = support::cluster::free_port();
    let app = spawn_app_with(|c| {
        c.metrics_token = Some("scrape-token-7".to_string());
        c.metrics_listen = Some(format!("127.0.0.1:{port}").parse().unwrap());
    })
    .await;
    let alice = app.candidate(ALICE).await;
    alice.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
    let refused = alice.upload("id_card", 2, "notes.jpg", b"not a picture at all".to_vec()).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(app.browser().get("/ready").await.status(), 200);

    let client = raw_client();
    let scrape = |token: Option<&str>| {
        let request = client.get(app.url("/metrics"));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
        .send()
    };
    assert_eq!(scrape(None).await.unwrap().status(), 401);
    assert_eq!(scrape(Some("scrape-token-8")).await.unwrap().status(), 401);
    let answer = scrape(Some("scrape-token-7")).await.unwrap();
    assert_eq!(answer.status(), 200);
    let text = answer.text().await.unwrap();
    for expected in [
        "zige_http_request_duration_seconds_bucket",
        "route=\"/api/materials\"",
        "zige_uploads_accepted_total",
        "zige_uploads_refused_total{reason=\"",
        "zige_decode_budget_wait_seconds_count",
        "zige_blob_store_seconds_count{operation=\"put\",outcome=\"ok\"}",
        "zige_ready_check_seconds_count{check=\"database\"}",
    ] {
        assert!(text.contains(expected), "{expected} is not in /metrics:\n{text}");
    }
    // No person's ids become series: routes are their patterns.
    assert!(!text.contains(ALICE) && !text.contains("/api/materials/m"), "{text}");

    // The private address answers without a token, and only /metrics.
    let own = client.get(format!("http://127.0.0.1:{port}/metrics")).send().await.unwrap();
    assert_eq!(own.status(), 200);
    assert!(own.text().await.unwrap().contains("zige_uploads_accepted_total"));
    assert_eq!(client.get(format!("http://127.0.0.1:{port}/ready")).send().await.unwrap().status(), 404);

    // Without a token configured, the main address has no /metrics at all.
    let plain = spawn_app().await;
    assert_eq!(plain.browser().get("/metrics").await.status(), 404);
}

#[tokio::test]
async fn every_request_is_one_json_line_with_the_id_the_response_carries() {
    let data_dir = tempfile::tempdir().unwrap();
    let port = support::cluster::free_port();
    let mut server = server_command(&data_dir, None)
        .env("ZIGE_LISTEN", format!("127.0.0.1:{port}"))
        .env("ZIGE_LOG_FORMAT", "json")
        .env("ZIGE_SEED_DEMO", "true")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let client = raw_client();
    let deadline = Instant::now() + Duration::from_secs(60);
    let answer = loop {
        if let Ok(answer) = client.get(format!("http://127.0.0.1:{port}/health")).send().await {
            break answer;
        }
        assert!(Instant::now() < deadline, "the server never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let id = answer.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let refused = client
        .post(format!("http://127.0.0.1:{port}/api/log_in"))
        .json(&serde_json::json!({ "id_number": "44030519900101123X", "password": "wrong-password-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    // A client's own id is not taken as the request's: the server draws its own, and logs the
    // client's as a field apart.
    let forged = client
        .get(format!("http://127.0.0.1:{port}/health"))
        .header("x-request-id", "someone-elses-request")
        .send()
        .await
        .unwrap();
    let drawn = forged.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(drawn.len(), 36, "a UUID of the server's: {drawn}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.kill().unwrap();
    let mut output = String::new();
    server.stdout.take().unwrap().read_to_string(&mut output).unwrap();
    server.wait().unwrap();

    let lines: Vec<Value> = output
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    assert!(lines.len() > 3, "{output}");
    let of_health: Vec<&Value> = lines.iter().filter(|line| line["span"]["id"] == id.as_str()).collect();
    assert_eq!(of_health.len(), 1, "one line for the request: {of_health:?}");
    assert_eq!(of_health[0]["fields"]["status"], 200);
    assert_eq!(of_health[0]["span"]["path"], "/health");
    let log_in = lines
        .iter()
        .find(|line| line["span"]["path"] == "/api/log_in" && line["fields"]["status"] == 401)
        .expect("the refused log-in's line");
    assert!(!log_in.to_string().contains("wrong-password-1") && !log_in.to_string().contains("44030519900101123X"));
    let of_forged: Vec<&Value> = lines.iter().filter(|line| line["span"]["id"] == drawn.as_str()).collect();
    assert_eq!(of_forged.len(), 1, "{of_forged:?}");
    assert_eq!(of_forged[0]["span"]["client_id"], "someone-elses-request");
    assert!(lines.iter().all(|line| line["span"]["id"] != "someone-elses-request"));
}

#[tokio::test]
async fn an_internal_error_gives_the_person_the_reference_the_log_line_carries() {
    use sea_orm::ConnectionTrait;
    let log = support::captured_log::captured_log();
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    // The notifications' table gone (a broken database): the list cannot be read.
    app.state.db.execute_unprepared("DROP TABLE notifications").await.unwrap();
    let answer = alice.call("my_notifications", serde_json::json!({})).await;
    let id = answer.headers()["x-request-id"].to_str().unwrap().to_string();
    let (status, kind, body) = error_kind(answer).await;
    assert_eq!((status, kind.as_str()), (500, "InternalReported"), "{body}");
    let reference = body["InternalReported"]["reference"].as_str().unwrap().to_string();
    assert_eq!(reference, id[..8], "the reference is the start of the request's id");
    let error: app::error::AppError = serde_json::from_value(body).unwrap();
    assert!(error.message_zh().contains(&format!("问题编号 {reference}")), "{}", error.message_zh());
    let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    let line = text
        .lines()
        .find(|line| line.contains(&format!("id={id}")) && line.contains("ERROR"))
        .unwrap_or_else(|| panic!("no error line under {id}:\n{text}"));
    assert!(line.contains("notification"), "{line}");
}

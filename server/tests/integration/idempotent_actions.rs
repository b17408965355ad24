//! Actions a phone queued offline go up exactly once: a repeat of a key gets the first answer,
//! also when that answer was lost on the way back (the connection dropped before it arrived); the
//! same key with other content is refused; another person's key is theirs alone.
use crate::support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::*;
use tokio::io::AsyncWriteExt;

const KEY: &str = "5f1d3c2e-8a47-4b1e-9d0c-7e6a5b4c3d21";

/// A second session of an existing candidate, as the cookie header a raw request carries.
async fn session_cookie(app: &TestApp, id_number: &str) -> String {
    let response = raw_client()
        .post(app.url("/api/log_in"))
        .json(&json!({ "id_number": id_number, "password": "secret-pass-1" }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("zige_session="))
        .map(|cookie| cookie.split(';').next().unwrap().to_string())
        .expect("a session cookie")
}

async fn keyed_upload(app: &TestApp, cookie: &str, key: &str, seq_no: u32, bytes: Vec<u8>) -> reqwest::Response {
    raw_client()
        .post(app.url("/api/materials"))
        .header("cookie", cookie)
        .header("idempotency-key", key)
        .multipart(upload_form("000", "other", seq_no, "scan.jpg", bytes))
        .send()
        .await
        .unwrap()
}

async fn other_materials(browser: &Browser) -> Vec<Value> {
    let page = browser.exam_page().await;
    let other = page["categories"].as_array().unwrap().iter().find(|c| c["code"] == "other").unwrap().clone();
    other["materials"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_repeated_upload_is_stored_once_and_answered_with_the_first_answer() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    let first = keyed_upload(&app, &cookie, KEY, 1, samples::jpeg(300, 400)).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();

    let repeat = keyed_upload(&app, &cookie, KEY, 1, samples::jpeg(300, 400)).await;
    assert_eq!(repeat.status(), 201, "a repeat is not 'place taken'");
    assert_eq!(repeat.headers()["idempotent-replayed"], "true");
    assert_eq!(repeat.json::<Value>().await.unwrap(), first);
    assert_eq!(other_materials(&alice).await.len(), 1);
    assert_eq!(app.blob_files().await.len(), 1, "stored once");
}

#[tokio::test]
async fn an_upload_whose_answer_was_lost_is_answered_on_the_repeat_without_storing_twice() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    // A phone photo's size, so the request is still arriving when the server starts on it.
    let photo = samples::jpeg_padded_to(300, 400, 250 * 1024);

    // The phone sends the whole upload, then the network drops: it never reads the answer.
    let boundary = "lost-answer-boundary";
    let mut body = Vec::new();
    for (name, value) in [("exam", "000"), ("category", "other"), ("seq_no", "1")] {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .bytes(),
    );
    body.extend(&photo);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let head = format!(
        "POST /api/materials HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nIdempotency-Key: {KEY}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        app.address,
        body.len()
    );
    let mut connection = tokio::net::TcpStream::connect(app.address).await.unwrap();
    connection.write_all(head.as_bytes()).await.unwrap();
    connection.write_all(&body).await.unwrap();
    connection.flush().await.unwrap();
    drop(connection);

    // The server finished the upload although nobody was there to hear the answer.
    let deadline = Instant::now() + Duration::from_secs(30);
    while other_materials(&alice).await.is_empty() {
        assert!(Instant::now() < deadline, "the dropped upload was never stored");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Back online, the queue sends it again (same file, a new boundary): the lost answer comes
    // back (a try that finds the first still running is asked to wait a second).
    let answer = loop {
        let response = keyed_upload(&app, &cookie, KEY, 1, photo.clone()).await;
        if response.status() != 409 {
            break response;
        }
        assert!(response.headers().contains_key("retry-after"));
        assert!(Instant::now() < deadline, "the first try never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(answer.status(), 201);
    assert_eq!(answer.headers()["idempotent-replayed"], "true", "the answer is the lost one, not a second upload");
    let stored: Value = answer.json().await.unwrap();
    let listed = other_materials(&alice).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], stored["id"]);
}

#[tokio::test]
async fn the_same_key_with_another_file_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    assert_eq!(keyed_upload(&app, &cookie, KEY, 1, samples::jpeg(300, 400)).await.status(), 201);

    let (status, kind, _) = error_kind(keyed_upload(&app, &cookie, KEY, 2, samples::jpeg(301, 400)).await).await;
    assert_eq!((status, kind.as_str()), (422, "ActionKeyReused"));
    assert_eq!(other_materials(&alice).await.len(), 1);
    assert_eq!(app.blob_files().await.len(), 1);
}

#[tokio::test]
async fn another_persons_key_is_theirs_alone() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    let alice_cookie = session_cookie(&app, ALICE).await;
    let bob_cookie = session_cookie(&app, BOB).await;
    let alices: Value = keyed_upload(&app, &alice_cookie, KEY, 1, samples::jpeg(300, 400)).await.json().await.unwrap();

    // Bob's phone drew the same key: his upload runs as his own, and he never sees Alice's answer.
    let bobs = keyed_upload(&app, &bob_cookie, KEY, 1, samples::jpeg(300, 400)).await;
    assert_eq!(bobs.status(), 201);
    assert!(bobs.headers().get("idempotent-replayed").is_none());
    let bobs: Value = bobs.json().await.unwrap();
    assert_ne!(bobs["id"], alices["id"]);
    assert_eq!(other_materials(&alice).await.len(), 1);
    assert_eq!(other_materials(&bob).await.len(), 1);
}

#[tokio::test]
async fn a_queued_delete_sent_twice_deletes_once_and_answers_alike() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    let stored = alice.upload_ok("other", 1, samples::jpeg(300, 400)).await;
    let delete = || {
        raw_client()
            .post(app.url("/api/delete_material"))
            .header("cookie", &cookie)
            .header("idempotency-key", KEY)
            .json(&json!({ "id": stored["id"] }))
            .send()
    };
    let first = delete().await.unwrap();
    assert!(first.status().is_success());
    let repeat = delete().await.unwrap();
    assert!(repeat.status().is_success(), "not 'not found': the delete was already done");
    assert_eq!(repeat.headers()["idempotent-replayed"], "true");
    assert!(other_materials(&alice).await.is_empty());
}

#[tokio::test]
async fn an_action_refused_for_now_is_not_kept_so_the_next_try_runs_it() {
    let app = spawn_app_with(|config| {
        config.decode_budget_mb = 64;
        config.decode_wait_ms = 200;
    })
    .await;
    let alice = app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    // The server is busy (every byte of decode memory taken): 503, try again; not kept.
    let busy = all_decode_memory(&app).await;
    assert_eq!(keyed_upload(&app, &cookie, KEY, 1, samples::jpeg(300, 400)).await.status(), 503);
    drop(busy);

    let again = keyed_upload(&app, &cookie, KEY, 1, samples::jpeg(300, 400)).await;
    assert_eq!(again.status(), 201);
    assert!(again.headers().get("idempotent-replayed").is_none(), "ran now, not the 503 replayed");
    assert_eq!(other_materials(&alice).await.len(), 1);
}

#[tokio::test]
async fn a_keyed_request_past_its_route_s_limit_is_refused_before_the_server_reads_it_all() {
    use tokio::io::AsyncReadExt;
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let cookie = session_cookie(&app, ALICE).await;
    // 暂存 takes a small form (64 KiB). The phone streams 70 KiB of it and then says nothing more:
    // a server that buffered up to an upload's 10 MiB would wait for the rest; this one has read
    // past the route's limit already and answers.
    let head = format!(
        "POST /api/save_application HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nIdempotency-Key: {KEY}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        app.address
    );
    let chunk = vec![b' '; 70 * 1024];
    let mut connection = tokio::net::TcpStream::connect(app.address).await.unwrap();
    connection.write_all(head.as_bytes()).await.unwrap();
    connection.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await.unwrap();
    connection.write_all(&chunk).await.unwrap();
    connection.write_all(b"\r\n").await.unwrap();
    connection.flush().await.unwrap();
    let mut answer = vec![0; 64];
    let read = tokio::time::timeout(Duration::from_secs(10), connection.read(&mut answer))
        .await
        .expect("answered without waiting for the rest of the body")
        .unwrap();
    let status_line = String::from_utf8_lossy(&answer[..read]).to_string();
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
}

/// A run whose key was taken over by a repeat (it looked abandoned: still "running" past
/// `ABANDONED_AFTER`) can neither let the key go nor book its answer over the repeat's; the
/// repeat's run holds the key until it ends, and its answer is the one given again.
#[tokio::test]
async fn a_run_that_lost_its_key_to_a_repeat_neither_lets_it_go_nor_answers_for_it() {
    use app::ssr::entities::user;
    use app::ssr::infra::idempotency::{self, Arrival, KeyRun, ABANDONED_AFTER};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let db = &app.state.db;
    let alice = user::Entity::find().filter(user::Column::IdNumber.eq(ALICE)).one(db).await.unwrap().unwrap().id;
    let (hash, started) = ("same content", app.clock_now());
    let later = started + ABANDONED_AFTER + chrono::Duration::seconds(1);
    let arriving = || KeyRun::arriving(alice, KEY.to_string());
    let (first, repeat, third) = (arriving(), arriving(), arriving());

    assert_eq!(idempotency::arrive(db, &first, hash, started).await.unwrap(), Arrival::First);
    let waits = idempotency::arrive(db, &repeat, hash, started).await.unwrap_err();
    assert!(idempotency::refused_untouched(&waits), "told to wait while the first runs: {waits:?}");
    assert_eq!(idempotency::arrive(db, &repeat, hash, later).await.unwrap(), Arrival::First, "taken over");

    // The first run ends after all: what it says of the key changes nothing.
    idempotency::release(db, &first).await.unwrap();
    idempotency::keep(db, &first, 201, None, b"first".to_vec()).await.unwrap();
    let waits = idempotency::arrive(db, &third, hash, later).await.unwrap_err();
    assert!(idempotency::refused_untouched(&waits), "the repeat still runs: {waits:?}");

    idempotency::keep(db, &repeat, 201, None, b"repeat".to_vec()).await.unwrap();
    let again = idempotency::arrive(db, &third, hash, later).await.unwrap();
    assert_eq!(again, Arrival::Repeat { status: 201, content_type: None, body: b"repeat".to_vec() });
}

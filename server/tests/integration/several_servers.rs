//! The scale path as an operator runs it: two `server` processes, each with its own empty data
//! folder, on one PostgreSQL database and one S3-compatible bucket, behind nginx balancing round
//! robin. Sessions, holds, uploads, the outbox and the rate limits work across them; migrations
//! run once. Runs in the test command's PostgreSQL pass (which starts PostgreSQL and the S3
//! server); the SQLite pass has neither and says so.
use crate::support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::cluster::{free_port, LoadBalancer, ServerProcess};
use support::smtp::{delivered, SmtpServer};
use support::*;

/// 64 bytes and more, the same on every server.
const SESSION_SECRET: &str = "several-servers-test-secret-0123456789abcdef0123456789abcdef0123456789";

/// The database and bucket of the scale path, fresh for this test; None in the SQLite pass.
async fn scale_path() -> Option<(String, String)> {
    let Some(database_url) = fresh_database_url().await else {
        eprintln!("several servers: needs the PostgreSQL pass of ./scripts/test.sh (ZIGE_TEST_POSTGRES_URL)");
        return None;
    };
    let blob_url =
        fresh_blob_url().expect("the PostgreSQL pass also starts an S3-compatible server (ZIGE_TEST_S3_URL)");
    Some((database_url, blob_url))
}

fn migrate(database_url: &str) -> std::process::Child {
    let data_dir = tempfile::tempdir().unwrap();
    server_command(&data_dir, Some(database_url))
        .arg("migrate")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test]
async fn two_servers_migrating_at_the_same_moment_migrate_once_and_a_server_waits_for_migrations() {
    let Some((database_url, blob_url)) = scale_path().await else { return };
    let settings = |migrate_on_start: bool| {
        vec![
            ("ZIGE_DATABASE_URL", database_url.clone()),
            ("ZIGE_BLOB_URL", blob_url.clone()),
            ("ZIGE_MIGRATE_ON_START", migrate_on_start.to_string()),
        ]
    };
    let refused = server_command(&tempfile::tempdir().unwrap(), Some(&database_url))
        .env("ZIGE_MIGRATE_ON_START", "false")
        .output()
        .unwrap();
    assert!(!refused.status.success(), "a server on a database behind its migrations refuses to start");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("server migrate"));

    let (first, second) = (migrate(&database_url), migrate(&database_url));
    for run in [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()] {
        assert!(run.status.success(), "migrate failed: {}", String::from_utf8_lossy(&run.stderr));
    }
    let server = ServerProcess::start(&settings(false));
    let health = reqwest::get(format!("http://{}/health", server.address())).await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn a_server_of_several_refuses_to_start_without_the_shared_session_secret() {
    let Some((database_url, _)) = scale_path().await else { return };
    let output =
        server_command(&tempfile::tempdir().unwrap(), Some(&database_url)).env("ZIGE_SERVERS", "2").output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("ZIGE_SESSION_SECRET"));
}

#[tokio::test]
async fn the_review_loop_runs_across_two_servers_behind_nginx_and_each_email_leaves_once() {
    let Some((database_url, blob_url)) = scale_path().await else { return };
    let smtp_port = free_port();
    let mail = tempfile::tempdir().unwrap();
    let _smtp = SmtpServer::start(smtp_port, &mail.path().join("maildir"));
    let settings = |seed_demo: bool| {
        vec![
            ("ZIGE_DATABASE_URL", database_url.clone()),
            ("ZIGE_BLOB_URL", blob_url.clone()),
            ("ZIGE_SERVERS", "2".to_string()),
            ("ZIGE_SESSION_SECRET", SESSION_SECRET.to_string()),
            ("ZIGE_BEHIND_PROXY", "true".to_string()),
            ("ZIGE_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
            // Both outbox workers look often, so they race for every row.
            ("ZIGE_OUTBOX_POLL_MS", "50".to_string()),
            ("ZIGE_SEED_DEMO", seed_demo.to_string()),
        ]
    };
    // The first server migrates and adds the demo exams and accounts; the second finds them.
    let one = ServerProcess::start(&settings(true));
    let other = ServerProcess::start(&settings(false));
    let balancer = LoadBalancer::start(&[one.address(), other.address()]);

    let alice = Browser::at(balancer.url());
    assert!(alice.sign_up(ALICE, "爱丽丝", "secret-pass-1").await.status().is_success());
    assert!(alice.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    let mut ids = Vec::new();
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1), ("other", 1)] {
        ids.push(
            alice.upload_ok(category, seq_no, samples::jpeg(120 + seq_no, 90)).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert!(alice.save_application("000", json!({}), None, true).await.status().is_success());
    // Every file is served whole by either server: the bytes are in the bucket, not on a disk.
    for id in &ids {
        let (first, second) = (
            alice.get(&format!("/api/materials/{id}/file")).await,
            alice.get(&format!("/api/materials/{id}/file")).await,
        );
        assert_eq!((first.status().as_u16(), second.status().as_u16()), (200, 200));
        assert_eq!(first.bytes().await.unwrap(), second.bytes().await.unwrap());
    }

    // Staff sign in with two factors: the password reaches one server, the code (most likely)
    // the other, which finds the half-finished sign-in in the shared sessions.
    let reviewer = Browser::at(balancer.url());
    assert!(reviewer.log_in(REVIEWER.0, REVIEWER.1).await.status().is_success());
    let code = app::ssr::accounts::totp::code_at(REVIEWER_AUTHENTICATOR_KEY, chrono::Utc::now()).unwrap();
    let given = reviewer.call("give_second_factor", json!({ "code": code })).await;
    assert!(given.status().is_success(), "{}", given.text().await.unwrap());
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[2], "reason": "unclear", "comment": "毕业证编号无法辨别" }]);
    let decided = reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());

    // Which server answered what: the uploads went to both, and the decision to a server that
    // had not taken every upload, so what one server wrote the other read.
    let answered = balancer.answered_up_to("/api/decide_application").await;
    let servers_of = |path: &str| -> Vec<String> {
        answered.iter().filter(|(_, p, _, _)| p == path).map(|(_, _, _, upstream)| upstream.clone()).collect()
    };
    let uploads = servers_of("/api/materials");
    assert!(uploads.contains(&one.address()) && uploads.contains(&other.address()), "uploads went to {uploads:?}");
    let decision = servers_of("/api/decide_application");
    assert_eq!(decision.len(), 1);
    assert!(uploads.iter().any(|upstream| upstream != &decision[0]));
    assert!(answered.iter().all(|(_, _, status, _)| *status < 500), "a server failed: {answered:?}");

    // The return's email leaves exactly once, although both servers' workers want to send it (the
    // demo data's approval email to its demo candidate leaves too: only Alice's are counted).
    let alice_mail = format!("{}@example.cn", ALICE.to_ascii_lowercase());
    let to_alice = || -> Vec<String> {
        delivered(&mail.path().join("maildir")).into_iter().filter(|m| m.contains(&alice_mail)).collect()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while to_alice().is_empty() {
        assert!(Instant::now() < deadline, "the email never arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(to_alice().len(), 1, "exactly one copy arrives");

    // The candidate sees the return through whichever server answers.
    for _ in 0..2 {
        let page = alice.exam_page().await;
        assert_eq!(page["state"], "returned", "{page}");
    }

    // Guessing a password: the two servers together allow the installation's ten attempts at
    // one ID number, not ten each.
    let guesser = Browser::at(balancer.url());
    let mut statuses = Vec::new();
    for _ in 0..14 {
        statuses.push(guesser.log_in(ALICE, "wrong-password").await.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s != 429).count(), 10, "{statuses:?}");
}

//! Emails leave through the transactional outbox exactly once: written with the decision, held
//! while the mail server is down (retried, never lost), delivered once it is back even with
//! several workers racing for the row, and a result's email not before the results time. The
//! mail server is a real one: Python's aiosmtpd on loopback, writing each message to a maildir.
use crate::support;

use std::ops::AsyncFnMut;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::ssr::entities::outbox_message;
use app::ssr::infra::clock::Clock;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use server::gateways::sms::LoggingSms;
use server::outbox::mailer::SmtpMailer;
use server::outbox::outbox_worker::{deliver_due, Senders};
use support::smtp::{delivered, SmtpServer};
use support::*;

/// The delivered mails of the test's candidate (the demo candidate's approval in 002 is delivered
/// too, once the mail server answers).
fn alices(mails: Vec<String>) -> Vec<String> {
    mails.into_iter().filter(|mail| mail.contains("11010519491231002x@example.cn")).collect()
}

/// The emails of the test's own candidates (the demo data wrote one to its demo candidate).
async fn email_rows(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Channel.eq("email"))
        .filter(outbox_message::Column::Recipient.ne("li.ming@example.cn"))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn wait_for(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn each_email_is_delivered_once_after_the_mail_server_comes_back_and_results_wait_for_their_time() {
    let port = support::cluster::free_port();
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let app = spawn_app_with(|c| {
        c.smtp_url = Some(smtp_url.clone());
        c.outbox_poll_ms = 100;
    })
    .await;
    let maildir = app.data_dir.path().join("maildir");
    // The test's clock stands still unless moved: let it run, five times faster than real time,
    // so the worker's back-off passes.
    let clock = app.clock.clone();
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            clock.set(clock.now() + chrono::Duration::milliseconds(100));
        }
    });
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[2], "reason": "unclear", "comment": "毕业证编号无法辨别" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());

    // The mail server is down: the email waits, with its failures counted, and is not lost.
    wait_for("two failed attempts", async || email_rows(&app).await.first().is_some_and(|r| r.attempts >= 2)).await;
    let row = email_rows(&app).await.remove(0);
    assert!(row.sent_at.is_none() && row.last_error.is_some());
    assert_eq!(row.recipient, "11010519491231002x@example.cn");

    // Back up: three more workers race the server's own for the same row.
    let server = SmtpServer::start(port, &maildir);
    let racers: Vec<_> = (0..3)
        .map(|_| {
            let (db, clock) = (app.state.db.clone(), app.clock.clone());
            let senders = Senders {
                email: Arc::new(SmtpMailer::new(&smtp_url, "Zige <noreply@zige.localhost>").unwrap()),
                sms: Arc::new(LoggingSms),
                official_account: None,
            };
            tokio::spawn(async move {
                for _ in 0..20 {
                    deliver_due(&db, clock.as_ref(), &senders, Duration::from_millis(100)).await.unwrap();
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
            })
        })
        .collect();
    wait_for("the email to be marked sent", async || email_rows(&app).await[0].sent_at.is_some()).await;
    for racer in racers {
        racer.await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = alices(delivered(&maildir));
    assert_eq!(mails.len(), 1, "exactly one copy arrives");
    assert!(mails[0].contains(&format!("Message-ID: <outbox-{}@zige>", row.id)));
    assert!(mails[0].contains("11010519491231002x@example.cn"));

    // The candidate replaces and resubmits; an approval's email waits for the results time.
    assert_eq!(alice.replace(&ids[2], "education", 1, support::samples::jpeg(150, 100)).await.status(), 201);
    assert!(alice.save_application("000", json!({}), None, true).await.status().is_success());
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    assert!(reviewer.decide(application, version, json!("Approve")).await.status().is_success());
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(alices(delivered(&maildir)).len(), 1, "the result is not emailed before the results time");

    app.clock.set(support::at("2099-01-01T00:00:00+08:00"));
    wait_for("the result email", async || alices(delivered(&maildir)).len() == 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(alices(delivered(&maildir)).len(), 2);
    assert!(email_rows(&app).await.iter().all(|r| r.sent_at.is_some()));
    drop(server);
    ticker.abort();
}

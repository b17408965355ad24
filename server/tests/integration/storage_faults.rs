//! When the bucket falters (issue 53), on the PostgreSQL + S3 pass: a fault-injecting proxy in
//! front of the S3-compatible server refuses, black-holes and slows it while candidates upload.
//! Every request that needed it is answered within the storage deadline with 503 and
//! `Retry-After` (nothing saved, try again) — not a 500 after the client's own retries, not a
//! hang — and once the breaker is open, at once; `/ready` answers within a second and names the
//! storage; the bucket serves again within a second or two of its return. PostgreSQL behind a
//! proxy of its own is "restarted": every connection reset and new ones refused for a while. And
//! uploads that behave as the page does (wait as told, send again with the same key) lose nothing that was
//! answered 201. (On the SQLite pass there is no bucket to break: the tests return.)
use crate::support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::fault_proxy::{Fault, FaultProxy};
use support::*;

/// The storage deadline these servers keep (the default is 5 s): short, so the test is.
const DEADLINE: Duration = Duration::from_millis(1500);
/// What answering "within the deadline" may add: the request's own work around the store's.
const MARGIN: Duration = Duration::from_millis(1000);

/// A server whose bucket and PostgreSQL are each reached through a fault proxy; None on the
/// SQLite pass.
pub(crate) struct Site {
    pub app: TestApp,
    pub bucket: FaultProxy,
    pub database: FaultProxy,
}

pub(crate) async fn site() -> Option<Site> {
    let bucket_url = fresh_blob_url()?;
    let bucket = FaultProxy::start(std::env::var("AWS_ENDPOINT").ok()?.trim_start_matches("http://").to_string()).await;
    let mut database_url = reqwest::Url::parse(&fresh_database_url().await?).unwrap();
    let upstream = format!("{}:{}", database_url.host_str().unwrap(), database_url.port().unwrap_or(5432));
    let database = FaultProxy::start(upstream).await;
    // Both on loopback: the port alone changes.
    database_url.set_port(Some(database.address.port())).unwrap();
    let endpoint = bucket.url();
    let app = spawn_app_with(|c| {
        c.blob_url = Some(bucket_url);
        c.blob_endpoint = Some(endpoint);
        c.database_url = Some(database_url.to_string());
        c.storage_deadline_ms = DEADLINE.as_millis() as u64;
        c.metrics_token = Some("scrape-token-53".to_string());
    })
    .await;
    Some(Site { app, bucket, database })
}

async fn keyed_upload(browser: &Browser, key: &str, seq_no: u32, bytes: Vec<u8>) -> reqwest::Response {
    browser
        .http
        .post(format!("{}/api/materials", browser.app_url()))
        .header("idempotency-key", key)
        .multipart(upload_form("000", "other", seq_no, "scan.jpg", bytes))
        .send()
        .await
        .unwrap()
}

pub(crate) fn retry_after(answer: &reqwest::Response) -> Option<u64> {
    answer.headers().get("retry-after")?.to_str().ok()?.parse().ok()
}

/// `/ready` within a second, and what it says of the storage.
async fn ready_storage(app: &TestApp) -> (u16, String) {
    let started = Instant::now();
    let answer = raw_client().get(app.url("/ready")).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1), "/ready took {:?}", started.elapsed());
    let status = answer.status().as_u16();
    let body: Value = answer.json().await.unwrap();
    (status, body["checks"]["storage"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn a_bucket_that_refuses_hangs_or_crawls_is_answered_503_within_the_deadline_and_serves_again_at_once() {
    let Some(site) = site().await else { return };
    let (app, proxy) = (&site.app, &site.bucket);
    let alice = app.candidate(ALICE).await;
    let stored = alice.upload_ok("other", 1, samples::jpeg(160, 120)).await;
    let file = format!("/api/materials/{}/file", stored["id"].as_str().unwrap());
    let faults = [Fault::Refuse, Fault::BlackHole, Fault::Slow(Duration::from_secs(3))];
    for (place, fault) in (2..).zip(faults) {
        proxy.set(fault);
        let mut took = Vec::new();
        for _ in 0..4 {
            let started = Instant::now();
            let answer = keyed_upload(&alice, &uuid::Uuid::new_v4().to_string(), place, samples::jpeg(160, 120)).await;
            took.push(started.elapsed());
            assert_eq!(answer.status(), 503, "{fault:?}: {}", answer.text().await.unwrap());
            assert!(retry_after(&answer).is_some_and(|secs| (1..=10).contains(&secs)), "{fault:?}: Retry-After");
            // The page's Busy: it keeps the file and sends it again when told (its words are its own).
            assert!(answer.text().await.unwrap().contains("Busy"), "{fault:?}: said as busy");
        }
        assert!(took.iter().all(|t| *t < DEADLINE + MARGIN), "{fault:?}: answered within the deadline: {took:?}");
        assert!(took[3] < Duration::from_millis(300), "{fault:?}: the open breaker answers at once: {took:?}");
        // A picture already stored is not a hang either.
        let started = Instant::now();
        assert_eq!(alice.get(&file).await.status(), 503, "{fault:?}: the download");
        assert!(started.elapsed() < DEADLINE + MARGIN);
        assert_eq!(ready_storage(app).await, (503, "unavailable".to_string()), "{fault:?}");

        proxy.set(Fault::None);
        let back = Instant::now();
        loop {
            let answer = keyed_upload(&alice, &uuid::Uuid::new_v4().to_string(), place, samples::jpeg(160, 120)).await;
            if answer.status() == 201 {
                break;
            }
            assert_eq!(answer.status(), 503);
            assert!(back.elapsed() < Duration::from_secs(3), "{fault:?}: the bucket is back but uploads are not");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        eprintln!("{fault:?}: uploads went through again {:?} after the bucket's return", back.elapsed());
        assert_eq!(alice.get(&file).await.status(), 200);
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(ready_storage(app).await, (200, "ok".to_string()));

    // Prometheus is told, by store, operation and kind.
    let metrics = raw_client().get(app.url("/metrics")).bearer_auth("scrape-token-53").send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    let failures: Vec<&str> = metrics.lines().filter(|line| line.starts_with("zige_storage_failures_total{")).collect();
    eprintln!("{failures:#?}");
    let counted = |kind: &str| {
        let series = format!("zige_storage_failures_total{{store=\"blobs\",operation=\"put\",kind=\"{kind}\"}}");
        failures.iter().any(|line| line.starts_with(&series))
    };
    // A hang is a time-out where the guard's deadline spoke first, an error where the S3 client's own did.
    assert!(counted("timeout") || counted("error"), "{failures:#?}");
    assert!(counted("refused"), "answered at once while the breaker was open: {failures:#?}");
}

/// One acknowledged upload: what it was answered with and what it sent.
#[derive(Clone, Debug)]
struct Acknowledged {
    id: String,
    width: u32,
}

#[tokio::test]
async fn uploads_that_wait_as_told_and_send_again_lose_nothing_answered_201_through_the_faults() {
    let Some(Site { app, bucket, database }) = site().await else { return };
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let refusals = Arc::new(Mutex::new(0_u32));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut uploaders = Vec::new();
    let mut candidates = Vec::new();
    for n in 0..4 {
        let id_number = resident_id(530 + n);
        let browser = app.candidate(&id_number).await;
        candidates.push(browser.clone());
        let (acknowledged, refusals, stop) = (acknowledged.clone(), refusals.clone(), stop.clone());
        uploaders.push(tokio::spawn(async move {
            // A category holds 20 pictures: a file every 0.6 s spreads them over the faults.
            for place in 1..=20 {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(600)).await;
                // As the page does: one key per file, sent again after the wait it was told.
                let key = uuid::Uuid::new_v4().to_string();
                let width = 100 + place;
                loop {
                    let answer = keyed_upload(&browser, &key, place, samples::jpeg(width, 90)).await;
                    match answer.status().as_u16() {
                        201 => {
                            let stored: Value = answer.json().await.unwrap();
                            let id = stored["id"].as_str().unwrap().to_string();
                            acknowledged.lock().unwrap().push(Acknowledged { id, width });
                            break;
                        }
                        503 => {
                            assert!(retry_after(&answer).is_some(), "a 503 without Retry-After");
                            *refusals.lock().unwrap() += 1;
                            // Told 3 s; a shorter wait keeps the test short and asks harder.
                            tokio::time::sleep(Duration::from_millis(500)).await;
                        }
                        other => panic!("upload answered {other}: {}", answer.text().await.unwrap()),
                    }
                }
            }
        }));
    }
    // The bucket refuses, hangs and crawls, and PostgreSQL restarts, two seconds each, between calm.
    let schedule = [
        (&bucket, Fault::Refuse),
        (&bucket, Fault::BlackHole),
        (&database, Fault::Refuse),
        (&bucket, Fault::Slow(Duration::from_secs(2))),
    ];
    for (proxy, fault) in schedule {
        tokio::time::sleep(Duration::from_secs(2)).await;
        proxy.set(fault);
        tokio::time::sleep(Duration::from_secs(2)).await;
        proxy.set(Fault::None);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for uploader in uploaders {
        uploader.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let refusals = *refusals.lock().unwrap();
    eprintln!("{} uploads answered 201, {refusals} answers of 503 along the way", acknowledged.len());
    assert!(refusals > 0, "the faults were felt");
    assert!(acknowledged.len() > 8, "uploads went on between the faults");

    // Every upload answered 201 is listed for its owner and served back whole.
    let mut listed = Vec::new();
    for browser in &candidates {
        let page = browser.exam_page().await;
        for category in page["categories"].as_array().unwrap() {
            for material in category["materials"].as_array().unwrap() {
                listed.push((material["id"].as_str().unwrap().to_string(), browser.clone()));
            }
        }
    }
    for upload in &acknowledged {
        let (_, owner) = listed.iter().find(|(id, _)| *id == upload.id).expect("an upload answered 201 is listed");
        let served = owner.get(&format!("/api/materials/{}/file", upload.id)).await;
        assert_eq!(served.status(), 200);
        let picture = image::load_from_memory(&served.bytes().await.unwrap()).expect("served whole");
        assert_eq!(picture.width(), upload.width);
    }
    assert_eq!(listed.len(), acknowledged.len(), "exactly once each: no upload stored twice");
}

#[tokio::test]
async fn a_database_gone_for_a_restart_is_answered_503_within_the_deadline_and_serves_again_at_once() {
    let Some(site) = site().await else { return };
    let (app, proxy) = (&site.app, &site.database);
    let alice = app.candidate(ALICE).await;
    alice.upload_ok("other", 1, samples::jpeg(160, 120)).await;
    // Staff's sessions are written at every request (their idle clock), candidates' are not.
    let reviewer = app.reviewer().await;

    // As a restart looks from the server: every connection reset, new ones refused, for a while.
    proxy.set(Fault::Refuse);
    for function in ["current_user", "review_exams"] {
        let answer = reviewer.call(function, serde_json::json!({})).await;
        assert_eq!(answer.status(), 503, "{function}: {}", answer.text().await.unwrap());
    }
    for place in 2..6 {
        let started = Instant::now();
        let answer = keyed_upload(&alice, &uuid::Uuid::new_v4().to_string(), place, samples::jpeg(160, 120)).await;
        let took = started.elapsed();
        assert_eq!(answer.status(), 503, "{}", answer.text().await.unwrap());
        assert!(retry_after(&answer).is_some(), "Retry-After");
        assert!(took < DEADLINE + MARGIN, "answered within the deadline: {took:?}");
    }
    let started = Instant::now();
    let ready = raw_client().get(app.url("/ready")).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(ready.status(), 503);
    let checks: Value = ready.json().await.unwrap();
    assert_eq!(checks["checks"]["database"], "unavailable");

    proxy.set(Fault::None);
    let back = Instant::now();
    loop {
        let answer = keyed_upload(&alice, &uuid::Uuid::new_v4().to_string(), 9, samples::jpeg(160, 120)).await;
        if answer.status() == 201 {
            break;
        }
        assert_eq!(answer.status(), 503, "{}", answer.text().await.unwrap());
        assert!(back.elapsed() < Duration::from_secs(3), "the database is back but uploads are not");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("uploads went through again {:?} after the database's return", back.elapsed());
}

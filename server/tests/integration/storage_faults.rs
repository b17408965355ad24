//! When the bucket falters (issue 53), on the PostgreSQL + S3 pass: a fault-injecting proxy in
//! front of the S3-compatible server refuses, black-holes and slows it while candidates upload.
//! Every request that needed it is answered within the storage deadline with 503 and
//! `Retry-After` (nothing saved, try again) — not a 500 after the client's own retries, not a
//! hang — and once the breaker is open, at once; `/ready` answers within a second and names the
//! storage; the bucket serves again within a second or two of its return. And uploads that
//! behave as the page does (wait as told, send again with the same key) lose nothing that was
//! answered 201 through all the faults, the database's included (`database_faults` has the
//! database's own). (On the SQLite pass there is no bucket to break: the tests return.)
use crate::support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::fault_proxy::{Fault, FaultProxy};

use crate::page_like_uploaders::{keyed_upload, retry_after, PageLikeUploaders};
use support::*;

/// The storage deadline these servers keep (the default is 5 s): short, so the test is.
pub(crate) const DEADLINE: Duration = Duration::from_millis(1500);
/// What answering "within the deadline" may add: the request's own work around the store's.
pub(crate) const MARGIN: Duration = Duration::from_millis(1000);

/// A server whose bucket and PostgreSQL are each reached through a fault proxy; None on the
/// SQLite pass.
pub(crate) struct Site {
    pub app: TestApp,
    pub bucket: FaultProxy,
    pub database: FaultProxy,
    /// The same database, reached without the proxy.
    pub database_url: String,
}

pub(crate) async fn site() -> Option<Site> {
    let bucket_url = fresh_blob_url()?;
    let bucket = FaultProxy::start(std::env::var("AWS_ENDPOINT").ok()?.trim_start_matches("http://").to_string()).await;
    let direct_database_url = fresh_database_url().await?;
    let mut database_url = reqwest::Url::parse(&direct_database_url).unwrap();
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
    Some(Site { app, bucket, database, database_url: direct_database_url })
}

/// `/ready` within a second, and what it says of `check`.
pub(crate) async fn ready_says(app: &TestApp, check: &str) -> (u16, String) {
    let started = Instant::now();
    let answer = raw_client().get(app.url("/ready")).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1), "/ready took {:?}", started.elapsed());
    let status = answer.status().as_u16();
    let body: Value = answer.json().await.unwrap();
    (status, body["checks"][check].as_str().unwrap_or_default().to_string())
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
        assert_eq!(ready_says(app, "storage").await, (503, "unavailable".to_string()), "{fault:?}");

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
    assert_eq!(ready_says(app, "storage").await, (200, "ok".to_string()));

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

#[tokio::test]
async fn uploads_that_wait_as_told_and_send_again_lose_nothing_answered_201_through_the_faults() {
    let Some(Site { app, bucket, database, .. }) = site().await else { return };
    let uploaders = PageLikeUploaders::start(&app, 4, 530).await;
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
    let (acknowledged, refusals) = uploaders.stop_and_check().await;
    assert!(refusals > 0, "the faults were felt");
    assert!(acknowledged > 8, "uploads went on between the faults");
}

#[tokio::test]
async fn a_blob_folder_gone_is_answered_503_not_500_and_serves_again_when_it_is_back() {
    let app = spawn_app().await;
    if app.blob_url.is_some() {
        return; // the bucket's own faults are tested above
    }
    let alice = app.candidate(ALICE).await;
    let stored = alice.upload_ok("other", 1, samples::jpeg(160, 120)).await;
    let file = format!("/api/materials/{}/file", stored["id"].as_str().unwrap());
    // As an unmounted volume looks to the server: the folder is not there.
    let (folder, away) = (app.data_dir.path().join("blobs"), app.data_dir.path().join("blobs-unmounted"));
    std::fs::rename(&folder, &away).unwrap();
    let download = alice.get(&file).await;
    assert_eq!(download.status(), 503, "not a 404: the file is not missing, its folder is");
    assert!(retry_after(&download).is_some());
    let key = uuid::Uuid::new_v4().to_string();
    let upload = keyed_upload(&alice, &key, 2, samples::jpeg(120, 90)).await;
    assert_eq!(upload.status(), 503, "{}", upload.text().await.unwrap());
    assert!(retry_after(&upload).is_some());

    std::fs::rename(&away, &folder).unwrap();
    assert_eq!(alice.get(&file).await.status(), 200);
    assert_eq!(keyed_upload(&alice, &key, 2, samples::jpeg(120, 90)).await.status(), 201, "sent again, stored");
}

//! A benchmark, not a test (ignored by `cargo test`): an operator's bad night under upload load,
//! for the figures in docs/benchmarks.md ("When storage falters"). Sixteen candidates upload
//! without pause as the page does (a 503 waited out for as long as `Retry-After` says, then the
//! same file sent again with the same key) while the bucket refuses for 20 s, hangs for 20 s and
//! PostgreSQL restarts (every connection reset, new ones refused for 5 s), with calm between.
//! Prints, per phase, the uploads stored per second, p50 and p99 of the answers, the 503s, and
//! anything else (which must be nothing); then checks that every upload answered 201 is listed
//! and served back whole. Run with `./scripts/bench-storage-faults.sh` (it starts PostgreSQL and
//! the S3-compatible server as the test command does). A debug build, as the tests run.
use crate::support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::Value;
use support::fault_proxy::{Fault, FaultProxy};
use support::*;

use crate::page_like_uploaders::retry_after;
use crate::storage_faults::site;

const UPLOADERS: u32 = 16;
/// A category that takes every upload of the run.
const SCANS: &str = r#"
[[categories]]
code = "scans"
name_zh = "扫描件"
name_en = "Scans"
[categories.rules]
max_count = 100000
"#;

/// A phase of the run: its name, the fault it sets on which proxy (none: calm), its seconds.
type Phase<'a> = (&'static str, Option<(&'a FaultProxy, Fault)>, u64);

/// One answer: in which phase it came, how long it took, and its status.
struct Answer {
    phase: usize,
    took: Duration,
    status: u16,
}

#[tokio::test]
#[ignore]
async fn storage_fault_benchmark() {
    // What the stores' outages were, as the log says them (shown at the end).
    let log = support::captured_log::captured_log();
    let site = site().await.expect("run on the PostgreSQL + S3 pass: ./scripts/bench-storage-faults.sh");
    let app = &site.app;
    app.add_exam(&open_exam(app, "953", "", SCANS)).await;
    let phases: [Phase; 7] = [
        ("calm", None, 10),
        ("bucket refuses", Some((&site.bucket, Fault::Refuse)), 20),
        ("calm after", None, 10),
        ("bucket hangs", Some((&site.bucket, Fault::BlackHole)), 20),
        ("calm after", None, 10),
        ("PostgreSQL restarts", Some((&site.database, Fault::Refuse)), 5),
        ("calm after", None, 15),
    ];
    let phase_now = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let answers = Arc::new(Mutex::new(Vec::<Answer>::new()));
    let stored = Arc::new(Mutex::new(Vec::<(String, Browser)>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let first_busy = Arc::new(Mutex::new(std::collections::HashSet::new()));
    let mut uploaders = Vec::new();
    for n in 0..UPLOADERS {
        let browser = app.new_candidate(&resident_id(950 + n)).await;
        assert!(browser.call("accept_pledge", serde_json::json!({ "code": "953" })).await.status().is_success());
        let (phase_now, answers, stored, stop) = (phase_now.clone(), answers.clone(), stored.clone(), stop.clone());
        let first_busy = first_busy.clone();
        uploaders.push(tokio::spawn(async move {
            let mut place = 1;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let key = uuid::Uuid::new_v4().to_string();
                loop {
                    let started = Instant::now();
                    let answer = browser
                        .http
                        .post(format!("{}/api/materials", browser.app_url()))
                        .header("idempotency-key", &key)
                        .multipart(upload_form("953", "scans", place, "scan.jpg", samples::jpeg(320, 240)))
                        .send()
                        .await
                        .unwrap();
                    // Counted in the phase it was answered in: a request asked in the last moment
                    // of calm and refused by the bucket belongs to the fault.
                    let phase = phase_now.load(std::sync::atomic::Ordering::Relaxed);
                    let status = answer.status().as_u16();
                    answers.lock().unwrap().push(Answer { phase, took: started.elapsed(), status });
                    let wait = retry_after(&answer);
                    let said = answer.text().await.unwrap_or_default();
                    match status {
                        201 => {
                            let stored_as: Value = serde_json::from_str(&said).unwrap();
                            stored
                                .lock()
                                .unwrap()
                                .push((stored_as["id"].as_str().unwrap().to_string(), browser.clone()));
                            break;
                        }
                        // As the page does: wait as told, then the same file under the same key.
                        503 => {
                            if first_busy.lock().unwrap().insert(phase) {
                                eprintln!("phase {phase}: the first 503 said {said}");
                            }
                            tokio::time::sleep(Duration::from_secs(wait.unwrap_or(3))).await;
                        }
                        // The same file still being stored from an earlier try: the page waits too.
                        409 if said.contains("ActionInProgress") => tokio::time::sleep(Duration::from_secs(1)).await,
                        // Counted and shown below (there must be none); the next file.
                        _ => {
                            eprintln!("upload answered {status}: {said}");
                            break;
                        }
                    }
                }
                place += 1;
            }
        }));
    }
    for (index, (name, fault, seconds)) in phases.iter().enumerate() {
        eprintln!("{name} for {seconds} s ({} answers so far)", answers.lock().unwrap().len());
        phase_now.store(index, std::sync::atomic::Ordering::Relaxed);
        if let Some((proxy, fault)) = fault {
            proxy.set(*fault);
        }
        tokio::time::sleep(Duration::from_secs(*seconds)).await;
        if let Some((proxy, _)) = fault {
            proxy.set(Fault::None);
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for uploader in uploaders {
        uploader.await.unwrap();
    }

    let answers = std::mem::take(&mut *answers.lock().unwrap());
    println!("| phase | seconds | uploads stored/s | p50 | p99 | 503s | slowest 503 | 409s (same file still running) | other |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (index, (name, _, seconds)) in phases.iter().enumerate() {
        let mine: Vec<&Answer> = answers.iter().filter(|a| a.phase == index).collect();
        let mut took: Vec<Duration> = mine.iter().map(|a| a.took).collect();
        took.sort();
        let at = |q: f64| took.get(((took.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default();
        let created = mine.iter().filter(|a| a.status == 201).count();
        let busy: Vec<&&Answer> = mine.iter().filter(|a| a.status == 503).collect();
        let slowest_busy = busy.iter().map(|a| a.took).max().unwrap_or_default();
        let running = mine.iter().filter(|a| a.status == 409).count();
        let other = mine.iter().filter(|a| ![201, 503, 409].contains(&a.status)).count();
        println!(
            "| {name} | {seconds} | {:.0} | {} ms | {} ms | {} | {} ms | {running} | {other} |",
            created as f64 / *seconds as f64,
            at(0.5).as_millis(),
            at(0.99).as_millis(),
            busy.len(),
            slowest_busy.as_millis()
        );
    }
    let others = answers.iter().filter(|a| ![201, 503, 409].contains(&a.status)).count();
    assert_eq!(others, 0, "answers other than 201, 503 and 409");

    // Nothing answered 201 is lost or torn.
    let stored = stored.lock().unwrap().clone();
    let served = futures_util::stream::iter(stored.iter())
        .map(|(id, owner)| async move {
            let served = owner.get(&format!("/api/materials/{id}/file")).await;
            assert_eq!(served.status(), 200, "an upload answered 201 is not served");
            image::load_from_memory(&served.bytes().await.unwrap()).expect("served whole");
        })
        .buffer_unordered(8)
        .count()
        .await;
    assert_eq!(served, stored.len());
    println!("{} uploads answered 201, every one served back whole", stored.len());
    let said = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    for line in
        said.lines().filter(|line| line.contains("storage does not answer") || line.contains("storage answers again"))
    {
        println!("{line}");
    }
}

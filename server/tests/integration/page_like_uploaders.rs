//! Candidates uploading as the exam page does while storage falters (issue 53): one key per file,
//! a 503 or a 409 "still running" waited out and the same file sent again with the same key,
//! anything else a failure of the test. What was answered 201 must afterwards be listed once and served back whole.
use crate::support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use support::*;

/// One upload answered 201: its id and the width of the picture it sent.
#[derive(Clone, Debug)]
struct Acknowledged {
    id: String,
    width: u32,
}

pub(crate) struct PageLikeUploaders {
    candidates: Vec<Browser>,
    acknowledged: Arc<Mutex<Vec<Acknowledged>>>,
    refusals: Arc<Mutex<u32>>,
    stop: Arc<AtomicBool>,
    running: Vec<tokio::task::JoinHandle<()>>,
}

/// An upload of `bytes` to exam 000's 其他材料 at `seq_no`, under the page's key.
pub(crate) async fn keyed_upload(browser: &Browser, key: &str, seq_no: u32, bytes: Vec<u8>) -> reqwest::Response {
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

impl PageLikeUploaders {
    /// `count` new candidates (ID numbers from `first_id`), each uploading a file every 0.6 s
    /// (20 at most: a category's limit) until stopped.
    pub(crate) async fn start(app: &TestApp, count: u32, first_id: u32) -> PageLikeUploaders {
        let acknowledged = Arc::new(Mutex::new(Vec::new()));
        let refusals = Arc::new(Mutex::new(0_u32));
        let stop = Arc::new(AtomicBool::new(false));
        let (mut candidates, mut running) = (Vec::new(), Vec::new());
        for n in 0..count {
            let browser = app.candidate(&resident_id(first_id + n)).await;
            candidates.push(browser.clone());
            let (acknowledged, refusals, stop) = (acknowledged.clone(), refusals.clone(), stop.clone());
            running.push(tokio::spawn(async move {
                for place in 1..=20 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(600)).await;
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
                            // The same file still being stored from a try the server gave up
                            // waiting on: the page's queue waits as told (1 s) and sends again.
                            409 => {
                                let said = answer.text().await.unwrap();
                                assert!(said.contains("ActionInProgress"), "upload answered 409: {said}");
                                tokio::time::sleep(Duration::from_secs(1)).await;
                            }
                            other => panic!("upload answered {other}: {}", answer.text().await.unwrap()),
                        }
                    }
                }
            }));
        }
        PageLikeUploaders { candidates, acknowledged, refusals, stop, running }
    }

    /// Stops them (each finishes the file it is sending) and checks that every upload answered
    /// 201 is listed for its owner exactly once and served back whole. Returns (answered 201,
    /// answered 503).
    pub(crate) async fn stop_and_check(self) -> (usize, u32) {
        self.stop.store(true, Ordering::Relaxed);
        for uploader in self.running {
            uploader.await.unwrap();
        }
        let acknowledged = self.acknowledged.lock().unwrap().clone();
        let refusals = *self.refusals.lock().unwrap();
        let mut listed = Vec::new();
        for browser in &self.candidates {
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
        eprintln!("{} uploads answered 201, {refusals} answers of 503 along the way", acknowledged.len());
        (acknowledged.len(), refusals)
    }
}

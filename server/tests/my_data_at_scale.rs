//! 下载我的资料 for an account that holds many pictures (issue 50): the archive is written to disk
//! and streamed, so the server's memory holds a few pictures whatever the archive's size, and a
//! server writes only so many archives at a time; past that a request is told at once to come
//! back. The server runs inside this test's process, whose heap this file counts: one test here
//! alone, so nothing else moves the count.
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use app::ssr::entities::picture_finding;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use support::review_pictures::jpeg;
use support::*;

/// The system allocator, counting the bytes held and the most held since `reset_peak`.
struct Counting;
static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = HELD.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            grew(layout.size());
        }
        block
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            grew(layout.size());
        }
        block
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { System.dealloc(block, layout) };
        HELD.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                HELD.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        moved
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

const PICTURES: usize = 40;
/// Each picture is at least this big: grain does not compress.
const PICTURE_BYTES: usize = 1_000_000;

/// A photograph of grain, different for each `seed`, of more than `PICTURE_BYTES`.
fn noise(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let page = image::RgbImage::from_fn(900, 900, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [r, g, b, _] = state.to_le_bytes();
        image::Rgb([r, g, b])
    });
    let bytes = jpeg(&page, 90);
    assert!(bytes.len() > PICTURE_BYTES, "{} bytes", bytes.len());
    bytes
}
/// What the server may take beyond what it held before the archive: a few pictures in flight
/// and the writers' buffers. An archive built in memory takes at least its own size (40 MB).
const MEMORY_ALLOWED: usize = 16 * 1024 * 1024;

#[tokio::test]
async fn an_archive_of_forty_megabytes_is_served_whole_with_the_server_holding_a_few_pictures_and_one_at_a_time() {
    let app = spawn_app_with(|config| config.archive_builds_at_once = 1).await;
    app.add_exam(&open_exam(
        &app,
        "930",
        "",
        r#"
[[categories]]
code = "papers"
name_zh = "论文"
name_en = "Papers"
rules = { max_bytes = 4000000, max_count = 100 }
"#,
    ))
    .await;
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "930" })).await.status().is_success());
    let mut last_stored = String::new();
    for n in 1..=PICTURES {
        let stored = alice.upload_to("930", "papers", n as u32, "paper.jpg", noise(n as u32)).await;
        assert_eq!(stored.status(), 201);
        last_stored = stored.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    }
    // The assistant has looked at every picture: its work is not counted against the archive.
    let started = std::time::Instant::now();
    while picture_finding::Entity::find().count(&app.state.db).await.unwrap() < PICTURES as u64 {
        assert!(started.elapsed() < std::time::Duration::from_secs(120), "the assistant never looked at them all");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    let before = HELD.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut response = alice.get("/api/my-data.zip").await;
    assert_eq!(response.status(), 200);
    let mut kept = tempfile::tempfile().unwrap();
    let mut length = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        length += chunk.len();
        kept.write_all(&chunk).unwrap();
    }
    let taken = PEAK.load(Relaxed).saturating_sub(before);
    assert!(length > PICTURES * PICTURE_BYTES, "the archive is {length} bytes");
    assert!(taken < MEMORY_ALLOWED, "the server took {taken} bytes more to serve a {length}-byte archive");

    let mut zip = zip::ZipArchive::new(kept).unwrap();
    let pictures =
        (0..zip.len()).filter(|&i| zip.by_index(i).unwrap().name().unwrap().starts_with("exams/930/pictures/")).count();
    assert_eq!(pictures, PICTURES);
    let mut last = Vec::new();
    zip.by_name("exams/930/pictures/papers-40.jpg").unwrap().read_to_end(&mut last).unwrap();
    let served = alice.get(&format!("/api/materials/{last_stored}/file")).await.bytes().await.unwrap();
    assert_eq!(last, served.to_vec(), "a picture comes back whole");

    // Several asking at once: one archive is written, the others are told at once to come back.
    let answers = futures_util::future::join_all((0..4).map(|_| alice.get("/api/my-data.zip"))).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    assert!(statuses.contains(&200) && statuses.contains(&503), "{statuses:?}");
    for busy in answers.iter().filter(|a| a.status() == 503) {
        assert!(busy.headers().contains_key("retry-after"));
    }
    // And the server goes on answering everyone.
    assert_eq!(alice.get("/api/my-data.zip").await.status(), 200);
    assert_eq!(app.browser().get("/health").await.status(), 200);
}

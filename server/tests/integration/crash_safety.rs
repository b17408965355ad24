//! The power goes during uploads: the server is killed (SIGKILL, no shutdown) at a random moment
//! while eight candidates upload at once, then started again on the same database and store,
//! three times. Every upload that was answered 201 is listed and served whole afterwards; no row
//! names a missing file and no stored file is torn. On SQLite with a folder, and again on
//! PostgreSQL with an S3-compatible bucket in the test command's second pass.
use crate::support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use app::ssr::entities::material;
use sea_orm::EntityTrait;
use serde_json::{json, Value};
use server::config::Config;
use support::cluster::ServerProcess;
use support::*;

const CANDIDATES: usize = 8;
const ROUNDS: usize = 3;

/// An upload the server answered 201: its id and what the answer said was stored.
#[derive(Clone, Debug)]
struct Acknowledged {
    id: String,
    bytes: u64,
    width: u32,
    height: u32,
}

/// A moment between 0.3 and 1.5 s from the clock's nanoseconds: random enough to land anywhere
/// in an upload (judging, writing the file, committing the row, answering).
fn random_moment() -> Duration {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().subsec_nanos();
    Duration::from_millis(300 + u64::from(nanos % 1200))
}

/// Each candidate uploads to 其他材料 place after place until the server stops answering.
async fn upload_until_killed(browser: Browser, first_place: u32, acknowledged: Arc<Mutex<Vec<Acknowledged>>>) {
    for place in first_place.. {
        let bytes = samples::jpeg(400 + place % 50, 300);
        let form = upload_form("000", "other", place, "scan.jpg", bytes);
        let Ok(response) =
            browser.http.post(format!("{}/api/materials", browser.app_url())).multipart(form).send().await
        else {
            return;
        };
        if response.status() != 201 {
            return;
        }
        let Ok(stored) = response.json::<Value>().await else { return };
        acknowledged.lock().unwrap().push(Acknowledged {
            id: stored["id"].as_str().unwrap().to_string(),
            bytes: stored["bytes"].as_u64().unwrap(),
            width: stored["width"].as_u64().unwrap() as u32,
            height: stored["height"].as_u64().unwrap() as u32,
        });
    }
}

#[tokio::test]
async fn uploads_answered_before_a_kill_survive_it_whole_and_nothing_is_torn() {
    let data_dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url().await;
    let blob_url = fresh_blob_url();
    let mut settings = vec![("ZIGE_SEED_DEMO", "true".to_string()), ("ZIGE_RATE_LIMITS", "false".to_string())];
    settings.extend(database_url.clone().map(|url| ("ZIGE_DATABASE_URL", url)));
    settings.extend(blob_url.clone().map(|url| ("ZIGE_BLOB_URL", url)));

    let mut server = ServerProcess::start_in(data_dir.path(), &settings);
    let mut candidates = Vec::new();
    for n in 0..CANDIDATES {
        let browser = Browser::at(server.url());
        let id_number = resident_id(n as u32);
        assert!(browser.sign_up(&id_number, "考生", "secret-pass-1").await.status().is_success());
        assert!(browser.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
        candidates.push(id_number);
    }

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    for round in 0..ROUNDS {
        let mut uploaders = Vec::new();
        for id_number in &candidates {
            let browser = Browser::at(server.url());
            assert!(browser.log_in(id_number, "secret-pass-1").await.status().is_success());
            // Each round starts at fresh places, so no upload meets one of an earlier round.
            let first_place = 1 + (round * 300) as u32;
            uploaders.push(tokio::spawn(upload_until_killed(browser, first_place, acknowledged.clone())));
        }
        let moment = random_moment();
        tokio::time::sleep(moment).await;
        server.kill();
        for uploader in uploaders {
            uploader.await.unwrap();
        }
        eprintln!(
            "round {}: killed after {moment:?}, {} uploads answered 201 so far",
            round + 1,
            acknowledged.lock().unwrap().len()
        );
        server = ServerProcess::start_in(data_dir.path(), &settings);
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= ROUNDS, "the uploads never got going: {acknowledged:?}");

    // Every answered upload is listed for its owner and served whole by the restarted server.
    for id_number in &candidates {
        let browser = Browser::at(server.url());
        assert!(browser.log_in(id_number, "secret-pass-1").await.status().is_success());
        let page = browser.exam_page().await;
        let listed: Vec<&str> = page["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|category| category["materials"].as_array().unwrap())
            .map(|material| material["id"].as_str().unwrap())
            .collect();
        for upload in acknowledged.iter().filter(|upload| listed.contains(&upload.id.as_str())) {
            let served = browser.get(&format!("/api/materials/{}/file", upload.id)).await;
            assert_eq!(served.status(), 200);
            let body = served.bytes().await.unwrap();
            assert_eq!(body.len() as u64, upload.bytes, "served whole");
            let picture = image::load_from_memory(&body).expect("the stored file decodes to the end");
            assert_eq!((picture.width(), picture.height()), (upload.width, upload.height));
        }
    }
    let config = Config { data_dir: data_dir.path().to_path_buf(), database_url, blob_url, ..Config::default() };
    let db = server::stores::storage::connect(&config.database_url()).await.unwrap();
    let blobs = server::stores::storage::open_blob_store(&config).await.unwrap();
    let rows = material::Entity::find().all(&db).await.unwrap();
    let row_ids: Vec<String> = rows.iter().map(|row| row.id.to_string()).collect();
    for upload in &acknowledged {
        assert!(row_ids.contains(&upload.id), "an upload answered 201 was lost: {upload:?}");
    }
    // No row without its file, and no file shorter or longer than its row says.
    for row in &rows {
        let stored = blobs.get(&row.blob_key).await.unwrap().unwrap_or_else(|| panic!("row {} has no file", row.id));
        assert_eq!(stored.len() as i64, row.bytes, "file of row {} is torn", row.id);
    }
    eprintln!(
        "{} uploads answered 201 across {ROUNDS} kills; {} rows, every one whole",
        acknowledged.len(),
        rows.len()
    );
}

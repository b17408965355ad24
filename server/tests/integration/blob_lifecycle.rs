//! Stored files do not pile up: a draft deletes and uploads anew instead of replacing in place,
//! replacing a returned picture again and again keeps only the file the reviewer saw, and the
//! sweep removes files no row names.
use crate::support;

use std::time::{Duration, SystemTime};

use serde_json::json;
use support::*;

#[tokio::test]
async fn a_draft_material_cannot_be_replaced_in_place() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let stored = alice.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
    let (status, kind, _) =
        error_kind(alice.replace(stored["id"].as_str().unwrap(), "id_card", 1, samples::jpeg(121, 90)).await).await;
    assert_eq!((status, kind.as_str()), (409, "NotUnlocked"));
    assert_eq!(app.blob_files().await.len(), 1, "nothing new was kept");
}

#[tokio::test]
async fn replacing_a_returned_material_again_and_again_keeps_only_the_file_the_reviewer_saw() {
    let app = spawn_app().await;
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());
    let seen = app.blob_files().await.len();
    assert_eq!(seen, 5);

    for width in [130, 131, 132, 133] {
        let replaced = alice.replace(&ids[0], "id_card", 1, samples::jpeg(width, 90)).await;
        assert_eq!(replaced.status(), 201, "{}", replaced.text().await.unwrap());
    }
    assert_eq!(app.blob_files().await.len(), 6, "five current files and the one the reviewer saw");

    let sheet = reviewer.sheet(application).await;
    let _ = sheet;
    let previous = reviewer.get(&format!("/api/materials/{}/previous", ids[0])).await;
    assert_eq!(previous.status(), 200, "the reviewer still compares with the file they returned");
}

/// Sets a file's modification time `age` into the past.
fn age_file(path: &std::path::Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

#[tokio::test]
async fn the_sweep_removes_stored_files_no_row_names_from_either_store() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let named = alice.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
    app.state.blobs.put("0b8e4c1e-orphan.jpg", b"leftover").await.unwrap();
    assert_eq!(app.blob_files().await.len(), 2);

    let output = app.command().args(["sweep", "--grace-minutes", "0"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["unnamed_files_removed"], 1);
    assert_eq!(app.blob_files().await.len(), 1);
    let served = alice.get(&format!("/api/materials/{}/file", named["id"].as_str().unwrap())).await;
    assert_eq!(served.status(), 200, "named files stay");
}

#[tokio::test]
async fn the_sweep_removes_old_files_no_row_names_and_unfinished_writes() {
    // Ages files and plants a half-written one: the folder store's own leftovers.
    let app = spawn_app_with(|config| config.blob_url = None).await;
    let alice = app.candidate(ALICE).await;
    alice.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
    let blobs = app.data_dir.path().join("blobs");
    let orphan = blobs.join("0b8e4c1e-orphan.jpg");
    let unfinished = blobs.join(".5f1d-key.jpg.1234.tmp");
    let young_orphan = blobs.join("1c2d-young.jpg");
    for path in [&orphan, &unfinished, &young_orphan] {
        std::fs::write(path, b"leftover").unwrap();
    }
    age_file(&orphan, Duration::from_secs(7200));
    age_file(&unfinished, Duration::from_secs(7200));

    let output = app.command().args(["sweep"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["unnamed_files_removed"], 1);
    assert_eq!(report["unfinished_writes_removed"], 1);
    assert!(!orphan.exists() && !unfinished.exists());
    assert!(young_orphan.exists(), "a file younger than the grace period may still get its row");
    let page = alice.exam_page().await;
    let id = page["categories"][0]["materials"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(alice.get(&format!("/api/materials/{id}/file")).await.status(), 200, "named files stay");
}

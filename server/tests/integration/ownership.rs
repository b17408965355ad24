//! Nobody reaches another candidate's files: not to view, not to delete.
use crate::support;

use serde_json::json;
use support::samples::jpeg;
use support::*;

#[tokio::test]
async fn another_candidates_material_is_not_found_for_viewing_or_deleting() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    let stored = alice.upload_ok("id_card", 1, jpeg(120, 90)).await;
    let id = stored["id"].as_str().unwrap();

    assert_eq!(bob.get(&format!("/api/materials/{id}/file")).await.status(), 404);
    let delete = bob.call("delete_material", json!({ "id": id })).await;
    assert_eq!(delete.status(), 404);
    assert!(delete.text().await.unwrap().contains("NotFound"));
    assert_eq!(app.browser().get(&format!("/api/materials/{id}/file")).await.status(), 401);

    assert_eq!(alice.get(&format!("/api/materials/{id}/file")).await.status(), 200, "the owner still has it");
    let bobs_page = bob.exam_page().await;
    assert!(bobs_page["categories"].as_array().unwrap().iter().all(|c| c["materials"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn deleting_removes_the_row_and_leaves_no_blob_behind() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let stored = alice.upload_ok("other", 1, jpeg(120, 90)).await;
    assert_eq!(app.blob_files().await.len(), 1);
    let id = stored["id"].as_str().unwrap();

    let response = alice.call("delete_material", json!({ "id": id })).await;
    assert!(response.status().is_success());
    assert!(app.blob_files().await.is_empty(), "blob left behind: {:?}", app.blob_files().await);
    assert_eq!(alice.get(&format!("/api/materials/{id}/file")).await.status(), 404);
    let page = alice.exam_page().await;
    assert!(page["categories"].as_array().unwrap().iter().all(|c| c["materials"].as_array().unwrap().is_empty()));
}

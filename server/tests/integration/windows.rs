//! The upload window, by the server's own clock: closed before it opens, open from the opening
//! second, closed from the closing second whatever the browser believes.
use crate::support;

use serde_json::json;
use support::samples::jpeg;
use support::*;

/// Opens 2026-12-01 09:00 and closes 2026-12-10 17:00, Beijing time.
const WINDOWED_EXAM: &str = r#"
code = "900"
title_zh = "时间窗口测试"
title_en = "Window test"
organiser_zh = "测试"
organiser_en = "Test"
pledge_zh = "本人承诺所提交材料真实有效。"
pledge_en = "I promise the materials are genuine."
[windows]
upload_opens = "2026-12-01T09:00:00+08:00"
upload_closes = "2026-12-10T17:00:00+08:00"
review_closes = "2026-12-20T17:00:00+08:00"
results_published = "2026-12-25T09:00:00+08:00"
[[categories]]
code = "photo"
name_zh = "照片"
name_en = "Photo"
[categories.rules]
required = true
"#;

async fn app_with_window_exam() -> TestApp {
    let app = spawn_app().await;
    app.add_exam(WINDOWED_EXAM).await;
    app
}

#[tokio::test]
async fn before_opening_the_entrance_is_closed_and_says_when_it_opens() {
    let app = app_with_window_exam().await;
    app.clock.set(at("2026-12-01T08:59:59+08:00"));
    let alice = app.new_candidate(ALICE).await;
    let page = alice.exam_page_of("900").await;
    assert_eq!(page["phase"], "not_yet_open");
    assert_eq!(page["editable"], false);
    let (status, kind, body) = error_kind(alice.call("accept_pledge", json!({ "code": "900" })).await).await;
    assert_eq!((status, kind.as_str()), (403, "NotYetOpen"));
    assert_eq!(body["NotYetOpen"]["opens_at"], "2026-12-01 09:00");
    let (status, kind, _) = error_kind(alice.upload_to("900", "photo", 1, "a.jpg", jpeg(100, 100)).await).await;
    assert_eq!((status, kind.as_str()), (403, "NotYetOpen"));
}

#[tokio::test]
async fn the_opening_second_opens_and_the_closing_second_closes() {
    let app = app_with_window_exam().await;
    app.clock.set(at("2026-12-01T09:00:00+08:00"));
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "900" })).await.status().is_success());
    let first = alice.upload_to("900", "photo", 1, "a.jpg", jpeg(100, 100)).await;
    assert_eq!(first.status(), 201);

    app.clock.set(at("2026-12-10T16:59:59+08:00"));
    let page = alice.exam_page_of("900").await;
    assert_eq!(page["seconds_until_close"], 1, "the countdown starts from the server's own clock");
    assert_eq!(alice.upload_to("900", "photo", 2, "b.jpg", jpeg(100, 100)).await.status(), 201);

    app.clock.set(at("2026-12-10T17:00:00+08:00"));
    let (status, kind, body) = error_kind(alice.upload_to("900", "photo", 3, "c.jpg", jpeg(100, 100)).await).await;
    assert_eq!((status, kind.as_str()), (403, "UploadClosed"));
    assert_eq!(body["UploadClosed"]["closed_at"], "2026-12-10 17:00");
}

#[tokio::test]
async fn after_closing_everything_is_view_only() {
    let app = app_with_window_exam().await;
    app.clock.set(at("2026-12-05T12:00:00+08:00"));
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "900" })).await.status().is_success());
    let stored: serde_json::Value =
        alice.upload_to("900", "photo", 1, "a.jpg", jpeg(100, 100)).await.json().await.unwrap();
    let id = stored["id"].as_str().unwrap().to_string();

    app.clock.set(at("2026-12-11T00:00:00+08:00"));
    let page = alice.exam_page_of("900").await;
    assert_eq!((page["phase"].as_str(), page["editable"].as_bool()), (Some("closed"), Some(false)));
    assert_eq!(page["categories"][0]["materials"].as_array().unwrap().len(), 1, "what was uploaded stays visible");
    assert_eq!(error_kind(alice.call("delete_material", json!({ "id": id })).await).await.1, "UploadClosed");
    assert_eq!(error_kind(alice.save_application("900", json!({}), None, false).await).await.1, "UploadClosed");
    assert_eq!(alice.get(&format!("/api/materials/{id}/file")).await.status(), 200, "the owner still sees the picture");
}

#[tokio::test]
async fn my_exams_shows_the_phase_and_the_next_deadline() {
    let app = app_with_window_exam().await;
    app.clock.set(at("2026-11-20T12:00:00+08:00"));
    let alice = app.new_candidate(ALICE).await;
    let cards: serde_json::Value = alice.call("list_exams", json!({})).await.json().await.unwrap();
    let card = cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == "900").unwrap();
    assert_eq!(card["phase"], "not_yet_open");
    assert_eq!(card["next_deadline"], json!(["UploadOpens", "2026-12-01 09:00"]));
    assert_eq!(card["state"], "not_started");
}

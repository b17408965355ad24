//! The four shipped presets: each loads, can be created by an administrator, and its rules apply.
use crate::support;

use serde_json::{json, Value};
use support::samples::{flat_jpeg, jpeg, jpeg_padded_to, pad_jpeg as pad, png};
use support::*;

/// Inside every preset's shipped window (2026-11-01 to 2027-06-30, Beijing time).
const INSIDE_PRESET_WINDOW: &str = "2027-01-15T12:00:00+08:00";

async fn create_from_preset(admin: &Browser, preset: &str, code: &str) {
    let response = admin.call("admin_create_exam", json!({ "preset": preset, "code": code, "source": "" })).await;
    assert!(response.status().is_success(), "create {preset}: {}", response.text().await.unwrap());
}

#[test]
fn every_preset_ships_and_parses() {
    let codes: Vec<String> =
        app::ssr::exams::presets::all().into_iter().map(|p| p.definition.code.to_string()).collect();
    assert_eq!(codes, vec!["000", "001", "002", "004"]);
}

#[tokio::test]
async fn an_administrator_creates_an_exam_from_each_preset_with_its_examples() {
    let app = spawn_app().await;
    app.clock.set(at(INSIDE_PRESET_WINDOW));
    let admin = app.admin().await;
    for preset in ["000", "001", "002", "004"] {
        create_from_preset(&admin, preset, &format!("{preset}-b")).await;
    }
    let again = admin.call("admin_create_exam", json!({ "preset": "001", "code": "001-b", "source": "" })).await;
    assert_eq!(error_kind(again).await.1, "ExamExists");
    let overview: Value = admin.call("admin_overview", json!({})).await.json().await.unwrap();
    assert_eq!(overview.as_array().unwrap().len(), 7, "three demo exams and four new ones");
    let example = admin.get("/api/exams/004-b/examples/id-photo-white.jpg").await;
    assert_eq!((example.status().as_u16(), example.headers()["content-type"].to_str().unwrap()), (200, "image/jpeg"));

    let scratch = admin
        .call("admin_create_exam", json!({ "preset": null, "code": "", "source": "code = \"x\"\ntitle_zh = 1\n" }))
        .await;
    let (status, kind, body) = error_kind(scratch).await;
    assert_eq!((status, kind.as_str()), (422, "ExamInvalid"));
    assert!(body.to_string().contains("line 2"), "{body}");
}

#[tokio::test]
async fn medical_accepts_png_up_to_200_kb_and_the_id_card_in_three_slots() {
    let app = spawn_app().await;
    app.clock.set(at(INSIDE_PRESET_WINDOW));
    create_from_preset(&app.admin().await, "001", "001-b").await;
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "001-b" })).await.status().is_success());
    assert_eq!(alice.upload_to("001-b", "id_proof", 1, "front.png", png(200, 120)).await.status(), 201);
    let big = alice.upload_to("001-b", "id_proof", 2, "back.jpg", jpeg_padded_to(200, 120, 201 * 1024)).await;
    assert_eq!(refusal_codes(big).await, vec!["file_too_large"]);
    // Seed 003's third: the candidate holding the card.
    assert_eq!(alice.upload_to("001-b", "id_proof", 3, "holding.jpg", jpeg(200, 120)).await.status(), 201);
    assert_eq!(
        alice.upload_to("001-b", "id_proof", 4, "fourth.jpg", jpeg(200, 120)).await.status(),
        422,
        "only three slots"
    );
}

#[tokio::test]
async fn personnel_needs_a_295_by_413_photo_and_a_position() {
    let app = spawn_app().await;
    app.clock.set(at(INSIDE_PRESET_WINDOW));
    create_from_preset(&app.admin().await, "002", "002-b").await;
    let alice = app.new_candidate(ALICE).await;
    // 报考须知 first, as seed 002 has it.
    assert!(alice.call("accept_notice", json!({ "code": "002-b" })).await.status().is_success());
    assert!(alice.call("accept_pledge", json!({ "code": "002-b" })).await.status().is_success());
    assert_eq!(
        refusal_codes(alice.upload_to("002-b", "id_photo", 1, "p.jpg", jpeg(294, 413)).await).await,
        vec!["width_too_small"]
    );
    assert_eq!(alice.upload_to("002-b", "id_photo", 1, "p.jpg", jpeg(295, 413)).await.status(), 201);
    let (_, kind, body) = error_kind(alice.save_application("002-b", json!({}), None, true).await).await;
    assert_eq!(kind, "Incomplete");
    assert!(body.to_string().contains("尚未选择报考职位"), "{body}");
}

#[tokio::test]
async fn cadre_postgraduate_applies_photo_bytes_aspect_and_scan_dpi() {
    let app = spawn_app().await;
    app.clock.set(at(INSIDE_PRESET_WINDOW));
    let admin = app.admin().await;
    create_from_preset(&admin, "004", "004-b").await;
    admin.call("admin_import_eligibility", json!({ "code": "004-b", "csv": format!("{ALICE},考生") })).await;
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "004-b" })).await.status().is_success());

    assert_eq!(
        refusal_codes(alice.upload_to("004-b", "id_photo", 1, "p.jpg", flat_jpeg(300, 400, None)).await).await,
        vec!["file_too_small"]
    );
    let wide = alice.upload_to("004-b", "id_photo", 1, "p.jpg", pad(flat_jpeg(400, 400, None), 150 * 1024)).await;
    assert_eq!(refusal_codes(wide).await, vec!["aspect_mismatch"]);
    assert_eq!(
        alice.upload_to("004-b", "id_photo", 1, "p.jpg", pad(flat_jpeg(300, 400, None), 150 * 1024)).await.status(),
        201
    );

    let low_dpi = pad(flat_jpeg(1200, 900, Some(150)), 450 * 1024);
    assert_eq!(
        refusal_codes(alice.upload_to("004-b", "bachelor_diploma", 1, "d.jpg", low_dpi).await).await,
        vec!["dpi_too_low"]
    );
    let good = pad(flat_jpeg(1200, 900, Some(200)), 450 * 1024);
    assert_eq!(alice.upload_to("004-b", "bachelor_diploma", 1, "d.jpg", good).await.status(), 201);
}

#[tokio::test]
async fn an_administrator_adds_an_example_picture_and_the_exam_file_can_name_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let upload = |browser: &Browser, name: &str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("name", name.to_string())
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name("x.jpg"));
        browser.http.post(app.url("/api/admin/exams/000/examples")).multipart(form).send()
    };
    let added = upload(&admin, "my-sample.jpg", jpeg(200, 150)).await.unwrap();
    assert!(
        added.url().as_str().ends_with("/admin/exams/000?example_added=examples%2Fmy-sample.jpg"),
        "{}",
        added.url()
    );

    let refused = upload(&admin, "../escape.jpg", jpeg(200, 150)).await.unwrap();
    assert!(refused.url().query().unwrap().contains("example_error_en"), "{}", refused.url());
    let not_a_picture = upload(&admin, "notes.jpg", b"just text".to_vec()).await.unwrap();
    assert!(not_a_picture.url().query().unwrap().contains("example_error_zh"));
    let alice = app.candidate(ALICE).await;
    assert_eq!(upload(&alice, "mine.jpg", jpeg(200, 150)).await.unwrap().status(), 403);

    let source: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let edited = source["source"].as_str().unwrap().replacen(
        "examples = [",
        "examples = [\n    { file = \"examples/my-sample.jpg\", caption_zh = \"新示例\", caption_en = \"New example\" },",
        1,
    );
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": edited })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
    assert_eq!(alice.get("/api/exams/000/examples/my-sample.jpg").await.status(), 200);
    let page = alice.exam_page().await;
    let first_examples = &page["definition"]["categories"][0]["examples"][0]["file"];
    assert_eq!(first_examples, "examples/my-sample.jpg");
}

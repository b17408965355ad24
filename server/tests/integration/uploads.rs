//! Uploads over real HTTP: accepted files are stored and served back; each kind of bad file is
//! refused with its code, whatever the browser claimed.
use crate::support;

use support::samples::*;
use support::*;

#[tokio::test]
async fn a_valid_jpeg_is_stored_listed_and_served_with_its_detected_type() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let stored = alice.upload_ok("id_card", 1, jpeg(300, 400)).await;
    assert_eq!(
        (stored["width"].as_u64(), stored["height"].as_u64(), stored["seq_no"].as_u64()),
        (Some(300), Some(400), Some(1))
    );

    let page = alice.exam_page().await;
    let id_card = page["categories"].as_array().unwrap().iter().find(|c| c["code"] == "id_card").unwrap();
    assert_eq!(id_card["materials"].as_array().unwrap().len(), 1);

    let file = alice.get(&format!("/api/materials/{}/file", stored["id"].as_str().unwrap())).await;
    assert_eq!(file.status(), 200);
    let headers = file.headers().clone();
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["cache-control"].to_str().unwrap().contains("no-store"));
    let bytes = file.bytes().await.unwrap();
    assert_eq!(app::domain::FileFacts::probe(&bytes).unwrap().width(), 300);
}

#[tokio::test]
async fn an_oversized_file_is_refused_with_size_and_limit() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let response = alice.upload("education", 1, "diploma.jpg", jpeg_padded_to(300, 400, 412 * 1024)).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("file_too_large") && body.contains("超过上限 300 KB"), "{body}");
    assert!(app.blob_files().await.is_empty());
}

#[tokio::test]
async fn each_kind_of_bad_file_is_refused_with_its_code() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let full = jpeg(200, 200);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("format_not_allowed", png(100, 100)),
        ("truncated", full[..full.len() - 40].to_vec()),
        ("empty_file", Vec::new()),
        ("not_a_picture", b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec()),
        ("not_a_picture", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec()),
        ("malformed", full[..20].to_vec()),
    ];
    for (code, bytes) in cases {
        let codes = refusal_codes(alice.upload("other", 1, "photo.jpg", bytes).await).await;
        assert!(codes.contains(&code.to_string()), "expected {code}, got {codes:?}");
    }
    assert!(app.blob_files().await.is_empty(), "a refused file left a blob behind");
}

#[tokio::test]
async fn a_file_whose_header_passes_but_whose_pixels_are_garbage_is_refused_by_the_full_decode() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let mut corrupt = jpeg(200, 200);
    // The probe never reads Huffman tables; the decoder needs them. Claim 255 codes of every
    // length in the first table, which no valid table can have.
    let dht = corrupt.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
    corrupt[dht + 5..dht + 21].fill(0xFF);
    let codes = refusal_codes(alice.upload("other", 1, "photo.jpg", corrupt).await).await;
    assert_eq!(codes, vec!["undecodable"]);
}

#[tokio::test]
async fn a_body_above_the_upload_limit_is_refused_with_413() {
    let app = spawn_app_with(|c| c.max_upload_bytes = 64 * 1024).await;
    let alice = app.candidate(ALICE).await;
    let response = alice.upload("other", 1, "huge.jpg", jpeg_padded_to(100, 100, 200 * 1024)).await;
    assert_eq!(response.status(), 413);
    assert!(response.text().await.unwrap().contains("TooLarge"));
}

#[tokio::test]
async fn uploading_without_signing_in_is_refused() {
    let app = spawn_app().await;
    let response = app.browser().upload("other", 1, "a.jpg", jpeg(50, 50)).await;
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn a_taken_sequence_number_and_a_slot_that_does_not_exist_are_refused() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    alice.upload_ok("id_card", 1, jpeg(100, 100)).await;
    let taken = alice.upload("id_card", 1, "b.jpg", jpeg(100, 100)).await;
    assert_eq!(taken.status(), 409);
    assert!(taken.text().await.unwrap().contains("SequenceTaken"));
    alice.upload_ok("id_card", 2, jpeg(100, 100)).await;
    // 身份证 has two named slots, 正面 and 反面: there is no third place.
    let (status, kind, body) = error_kind(alice.upload("id_card", 3, "c.jpg", jpeg(100, 100)).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    assert!(body["InvalidField"]["message_zh"].as_str().unwrap().contains("本类只有 2 个位置（正面、反面）"), "{body}");
}

#[tokio::test]
async fn an_unknown_category_is_not_found() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    assert_eq!(alice.upload("passport_photo", 1, "a.jpg", jpeg(50, 50)).await.status(), 404);
}

#[tokio::test]
async fn stored_copies_lose_gps_but_keep_orientation() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let photo = jpeg_with_exif(&jpeg(400, 300), ExifSpec { orientation: Some(6), gps: true, ..Default::default() });
    assert!(has_gps(&photo), "the sample must carry GPS to begin with");
    let stored = alice.upload_ok("other", 1, photo).await;
    assert_eq!((stored["width"].as_u64(), stored["height"].as_u64()), (Some(300), Some(400)));

    let bytes =
        alice.get(&format!("/api/materials/{}/file", stored["id"].as_str().unwrap())).await.bytes().await.unwrap();
    assert!(!has_gps(&bytes));
    assert_eq!(app::domain::FileFacts::probe(&bytes).unwrap().orientation, 6);
}

fn has_gps(jpeg: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(jpeg))
        .map(|e| e.fields().any(|f| f.ifd_num == exif::In::PRIMARY && f.tag.context() == exif::Context::Gps))
        .unwrap_or(false)
}

#[tokio::test]
async fn a_form_with_too_many_parts_is_refused() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let mut form = reqwest::multipart::Form::new().text("exam", "000").text("category", "other").text("seq_no", "1");
    for i in 0..8 {
        form = form.text("exam", format!("filler {i}"));
    }
    let response = alice.http.post(app.url("/api/materials")).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(app.blob_files().await.is_empty());
}

#[tokio::test]
async fn a_polyglot_or_a_motion_photo_is_stored_as_the_picture_alone() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let picture = jpeg(300, 400);
    let video = [&b"MotionPhoto_Data"[..], &[0, 0, 0, 24], b"ftypmp42", &[7; 8192]].concat();
    for (seq_no, file) in [(1, with_trailing_zip(&picture)), (2, [&picture[..], &video].concat())] {
        let stored = alice.upload_ok("other", seq_no, file).await;
        let served = alice.get(&format!("/api/materials/{}/file", stored["id"].as_str().unwrap())).await;
        let bytes = served.bytes().await.unwrap();
        assert_eq!(app::domain::FileFacts::probe(&bytes).unwrap().trailing_bytes, 0);
        assert!(!bytes.windows(4).any(|w| w == b"PK\x03\x04"), "the ZIP is gone");
        assert!(!bytes.windows(8).any(|w| w == b"ftypmp42"), "the video is gone");
        assert!(stored["bytes"].as_u64().unwrap() <= picture.len() as u64 + 64);
    }
}

//! Documents read as a person reads them (issue 13): the PDF's text through poppler's `pdftotext`
//! and its fonts through `pdffonts` (Debian's poppler-utils, which the test command installs).
mod support;

use std::process::Command;

use serde_json::Value;
use sha2::{Digest, Sha256};
use support::*;

/// Runs a poppler tool on `pdf` and returns what it printed.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils, installed by scripts/test.sh): {e}"));
    assert!(output.status.success(), "{tool}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn the_upload_receipt_lists_every_file_with_the_hash_of_what_the_server_stored() {
    let app = spawn_app().await;
    let browser = app.browser();
    // A name with a rare character (堃) and one outside the Basic Multilingual Plane (𠮷).
    assert!(browser.sign_up(ALICE, "𠮷田堃", "secret-pass-1").await.status().is_success());
    assert!(browser.call("accept_pledge", serde_json::json!({ "code": "000" })).await.status().is_success());
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
        browser.upload_ok(category, seq_no, samples::jpeg(300 + seq_no * 10, 200)).await;
    }
    assert!(browser.save_application("000", serde_json::json!({}), None, true).await.status().is_success());

    let response = browser.get("/api/exams/000/receipt.pdf").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap().to_vec();

    let text = poppler("pdftotext", &["-layout"], &pdf);
    for expected in ["上传回执", "𠮷田堃", "资格初审材料上传（示例考试）", "身份证", "学历学位材料", "已提交"]
    {
        assert!(text.contains(expected), "{expected} missing from the receipt:\n{text}");
    }
    // Each file's SHA-256 is that of the bytes the server serves back.
    let page: Value = browser.exam_page().await;
    let mut hashes = 0;
    for category in page["categories"].as_array().unwrap() {
        for material in category["materials"].as_array().unwrap() {
            let id = material["id"].as_str().unwrap();
            let stored = browser.get(&format!("/api/materials/{id}/file")).await.bytes().await.unwrap();
            let hash = hex::encode(Sha256::digest(&stored));
            assert!(text.contains(&hash), "{hash} of {id} missing from the receipt:\n{text}");
            hashes += 1;
        }
    }
    assert_eq!(hashes, 4);

    // Every font embedded, and as a subset.
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(name.contains('+'), "not a subset: {row}\n{fonts}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}\n{fonts}");
    }
}

#[tokio::test]
async fn a_receipt_is_only_ever_the_signed_in_candidate_s_own() {
    let app = spawn_app().await;
    let (_alice, _) = app.submitted_candidate(ALICE).await;
    let bob = app.new_candidate(BOB).await;
    // Bob has no application to 000: nothing to print, and nothing of Alice's.
    assert_eq!(bob.get("/api/exams/000/receipt.pdf").await.status(), 404);
    assert_eq!(app.browser().get("/api/exams/000/receipt.pdf").await.status(), 401);
}

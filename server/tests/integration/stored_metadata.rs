//! What is stored of an uploaded picture is what display needs: comments, C2PA manifests and
//! every other metadata segment are dropped, wherever they sit in the file.
use crate::support;

use support::*;

/// A JPEG segment: marker, big-endian length (which counts itself), contents.
fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
    let length = (contents.len() + 2) as u16;
    [vec![0xFF, marker], length.to_be_bytes().to_vec(), contents.to_vec()].concat()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn comments_c2pa_manifests_and_trailing_comments_are_not_stored() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let plain = samples::jpeg(120, 90);
    let (body, end) = plain.split_at(plain.len() - 2);
    assert_eq!(end, [0xFF, 0xD9]);
    let marked = [
        &body[..2],
        &segment(0xEB, b"JP\0\0c2pa-manifest-store")[..],
        &segment(0xFE, b"taken at 39.9042N 116.4074E")[..],
        &body[2..],
        &segment(0xFE, b"after-the-scan 31.23N 121.47E")[..],
        end,
    ]
    .concat();
    let stored = alice.upload_ok("id_card", 1, marked).await;
    let bytes =
        alice.get(&format!("/api/materials/{}/file", stored["id"].as_str().unwrap())).await.bytes().await.unwrap();
    for secret in [&b"c2pa-manifest"[..], b"39.9042N", b"after-the-scan"] {
        assert!(!contains(&bytes, secret), "{} survived", String::from_utf8_lossy(secret));
    }
    assert!(image::load_from_memory(&bytes).is_ok(), "the stored picture still decodes");
}

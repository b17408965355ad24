//! The small copies the candidate's lists show (`/api/materials/{id}/thumb`): a seed-size scan's is
//! a few KB instead of the whole file, upright as the file says, for whoever may read the picture
//! alone, made again once the picture is replaced, and gone with it.
use crate::support;

use sea_orm::EntityTrait;
use serde_json::json;
use support::*;

use app::ssr::entities::material_thumbnail;

async fn copy_of(browser: &Browser, id: &str) -> reqwest::Response {
    browser.get(&format!("/api/materials/{id}/thumb")).await
}

fn size_of(jpeg: &[u8]) -> (u32, u32) {
    image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).map(|p| (p.width(), p.height())).unwrap()
}

#[tokio::test]
async fn a_scan_s_copy_is_small_and_upright_and_only_its_reader_s_and_it_goes_with_the_picture() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    // A4 at 200 DPI, as the seeds prescribe, within seed 000's 300 KB.
    let page = image::imageops::resize(
        &review_pictures::document_page(7, None),
        1654,
        2339,
        image::imageops::FilterType::Triangle,
    );
    let scan = review_pictures::jpeg(&page, 85);
    assert!((150_000..307_200).contains(&scan.len()), "a scan of {} bytes", scan.len());
    let stored = alice.upload_ok("id_card", 1, scan.clone()).await;
    let id = stored["id"].as_str().unwrap().to_string();

    let copy = copy_of(&alice, &id).await;
    assert_eq!(copy.status(), 200);
    assert_eq!(copy.headers()["content-type"], "image/jpeg");
    assert_eq!(copy.headers()["cache-control"], "no-store, private", "a personal document's copy is not cached");
    let bytes = copy.bytes().await.unwrap();
    assert_eq!(size_of(&bytes), (192, 272), "the shorter side is 192 px, the page's shape kept");
    assert!(bytes.len() * 20 < scan.len(), "{} bytes of {}", bytes.len(), scan.len());
    // Kept, and served again as kept.
    let kept = material_thumbnail::Entity::find_by_id(app::domain::record_ids::MaterialId::from(id.as_str()))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the copy is kept");
    assert_eq!(copy_of(&alice, &id).await.bytes().await.unwrap().as_ref(), kept.jpeg.as_slice());

    // Another candidate learns nothing of it.
    let bob = app.candidate(BOB).await;
    assert_eq!(copy_of(&bob, &id).await.status(), 404);

    // A phone's photo turned on its side by its EXIF: the copy stands upright, as browsers show
    // the file.
    let turned = samples::jpeg_with_exif(
        &samples::flat_jpeg(1200, 900, None),
        samples::ExifSpec { orientation: Some(6), ..Default::default() },
    );
    let photo = alice.upload_ok("id_card", 2, turned).await;
    let photo_copy = copy_of(&alice, photo["id"].as_str().unwrap()).await.bytes().await.unwrap();
    assert_eq!(size_of(&photo_copy), (192, 256));

    // Deleted, the picture takes its copy with it.
    let deleted = alice.call("delete_material", json!({ "id": id })).await;
    assert!(deleted.status().is_success(), "{}", deleted.text().await.unwrap());
    assert!(material_thumbnail::Entity::find_by_id(app::domain::record_ids::MaterialId::from(id.as_str()))
        .one(&app.state.db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(copy_of(&alice, &id).await.status(), 404);
}

#[tokio::test]
async fn a_returned_picture_replaced_gets_a_copy_of_its_new_file() {
    let app = spawn_app().await;
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let before = copy_of(&alice, &ids[0]).await.bytes().await.unwrap();
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());
    let replaced = alice.replace(&ids[0], "id_card", 1, samples::flat_jpeg(900, 1200, None)).await;
    assert_eq!(replaced.status(), 201, "{}", replaced.text().await.unwrap());
    let after = copy_of(&alice, &ids[0]).await.bytes().await.unwrap();
    assert_ne!(before, after, "the copy is the new file's");
    assert_eq!(size_of(&after), (192, 256));
}

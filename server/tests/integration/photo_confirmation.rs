//! Seed 002's 照片确认 (issue 67): a category the exam file marks `confirmed_once` is checked on the
//! server's page as it prints and confirmed; then it is locked (no delete, no second confirmation,
//! each refusal saying why), the steps move on, the timeline says when, and only a reviewer's
//! return lets it be replaced.
use crate::support;

use serde_json::json;
use support::*;

const TABLES: &str = r#"
[[categories]]
code = "id_photo"
name_zh = "报名照片"
name_en = "ID photo"
confirmed_once = true
[categories.rules]
formats = ["jpeg"]
max_count = 1
required = true
[[categories]]
code = "degree"
name_zh = "学历证书"
name_en = "Diploma"
[categories.rules]
formats = ["jpeg"]
"#;

async fn confirm(browser: &Browser, code: &str, category: &str) -> reqwest::Response {
    let url = format!("{}/exams/{code}/confirm/{category}", browser.app_url());
    browser.http.post(url).multipart(reqwest::multipart::Form::new()).send().await.unwrap()
}

#[tokio::test]
async fn a_confirmed_photo_is_locked_and_says_so_and_only_a_reviewer_s_return_lets_it_be_replaced() {
    let app = spawn_app().await;
    app.add_exam(&open_exam(&app, "932", "", TABLES)).await;
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "932" })).await.status().is_success());

    // Nothing to confirm yet; a category that is not confirmed once has no such page.
    let early = alice.get("/exams/932/confirm/id_photo").await;
    assert_eq!(early.status(), 422);
    assert!(early.text().await.unwrap().contains("请先上传报名照片，再核对确认"));
    assert_eq!(alice.get("/exams/932/confirm/degree").await.status(), 404);

    let uploaded = alice.upload_to("932", "id_photo", 1, "me.jpg", samples::flat_jpeg(413, 531, None)).await;
    assert_eq!(uploaded.status(), 201, "{}", uploaded.text().await.unwrap());
    let id = uploaded.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let page = alice.exam_page_of("932").await;
    assert_eq!(page["flow_at"], 1, "uploaded but not confirmed: still the photo's step");

    // The page shows the picture as it prints and asks for 确定.
    let shown = alice.get("/exams/932/confirm/id_photo").await;
    assert_eq!(shown.status(), 200);
    let shown = shown.text().await.unwrap();
    assert!(
        shown.contains(&format!("/api/materials/{id}/file")) && shown.contains("确定") && shown.contains("as-printed")
    );
    // Another candidate has nothing of Alice's to confirm.
    let bob = app.new_candidate(BOB).await;
    assert!(bob.call("accept_pledge", json!({ "code": "932" })).await.status().is_success());
    assert_eq!(confirm(&bob, "932", "id_photo").await.status(), 422);

    let confirmed = confirm(&alice, "932", "id_photo").await;
    assert_eq!((confirmed.status().as_u16(), confirmed.url().path()), (200, "/exams/932"));
    let page = alice.exam_page_of("932").await;
    assert_eq!(page["categories"][0]["materials"][0]["locked"], true, "{page}");
    assert_eq!(page["flow_at"], 2, "confirmed: the next step");
    assert!(page["timeline"].to_string().contains("已确认报名照片"), "{}", page["timeline"]);

    // Locked: neither deleted nor confirmed again, each refusal saying why.
    let (status, _, body) = error_kind(alice.call("delete_material", json!({ "id": id })).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("报名照片已确认，不能再次确认或修改"), "{body}");
    let again = confirm(&alice, "932", "id_photo").await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("报名照片已确认，不能再次确认或修改"));

    // Submitted and returned for the photo: the reviewer's return lets it be replaced.
    assert!(alice.save_application("932", json!({}), None, true).await.status().is_success());
    let reviewer = app.new_reviewer(CAROL, &["932"]).await;
    let application = reviewer.first_waiting("932").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": id, "reason": "unclear", "comment": "" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());
    let form = upload_form("932", "id_photo", 1, "new.jpg", samples::flat_jpeg(413, 531, None)).text("replaces", id);
    let replaced = alice.http.post(format!("{}/api/materials", alice.app_url())).multipart(form).send().await.unwrap();
    assert_eq!(replaced.status(), 201, "{}", replaced.text().await.unwrap());
}

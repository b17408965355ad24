//! Seed 002's sign-up: "有效期内的第二代居民身份证或有效期内的临时身份证" — the document's last valid
//! day (or 长期) is asked; an expired document is refused, naming its day, and nothing is made; one
//! that ends before the day an exam needs it is warned about on 我的考试 ("请关注本人身份证有效期").
//! And "再次输入证件类型、证件号、姓名信息进行核对": the check step, judged again by the server.
use crate::support;

use app::domain::china_day::china_day_of;
use serde_json::{json, Value};
use support::*;

fn fields(id_number: &str, valid_until: &str) -> Value {
    json!({ "fields": { "id_type": "resident_id", "id_number": id_number, "name": "考生", "mobile": "13800138000",
        "password": "secret-pass-1", "email": "", "id_valid_until": valid_until,
        "typed_again": { "id_type": "resident_id", "id_number": id_number, "name": "考生" } } })
}

async fn validity_note(browser: &Browser, code: &str) -> Value {
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    let card = cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == code).expect("the exam is listed");
    card["id_validity"].clone()
}

#[tokio::test]
async fn an_expired_document_is_refused_at_sign_up_and_one_ending_before_the_review_is_warned_about() {
    let app = spawn_app().await;
    let today = china_day_of(app.clock_now());
    let yesterday = today.pred_opt().unwrap();

    // Expired, missing or not a day: refused at its field, naming the day, and no account made.
    let stranger = app.browser();
    let (status, _, body) = error_kind(stranger.call("sign_up", fields(ALICE, &yesterday.to_string())).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains(&format!("证件已于 {yesterday} 过期")), "{body}");
    let (status, _, body) = error_kind(stranger.call("sign_up", fields(ALICE, "2031-02-30")).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("不是有效的日期"), "{body}");
    let (status, _, body) = error_kind(stranger.call("sign_up", fields(ALICE, "")).await).await;
    assert!(status == 422 && body.to_string().contains("长期"), "{body}");
    assert_eq!(stranger.call("current_user", json!({})).await.json::<Value>().await.unwrap(), Value::Null);

    // Valid through tomorrow: signed up, and warned on 我的考试, as exam 000's review closes later.
    let tomorrow = today.succ_opt().unwrap();
    let alice = app.browser();
    assert!(alice.call("sign_up", fields(ALICE, &tomorrow.to_string())).await.status().is_success());
    let note = validity_note(&alice, "000").await;
    assert!(
        note[0]
            .as_str()
            .unwrap()
            .starts_with(&format!("请关注本人身份证有效期：证件有效期至 {tomorrow}，早于资格审核截止日期")),
        "{note}"
    );
    assert!(note[1].as_str().unwrap().contains("Mind your ID's validity"), "{note}");

    // Renewed: an expired day is refused on 个人信息 too, and the new one takes the warning away.
    let renew = |value: &str| reqwest::multipart::Form::new().text("id_valid_until", value.to_string());
    let refused = alice.http.post(app.url("/account/id-validity")).multipart(renew(&yesterday.to_string())).send();
    let refused = refused.await.unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains(&format!("证件已于 {yesterday} 过期")));
    assert!(!validity_note(&alice, "000").await.is_null(), "nothing changed");
    let saved = alice.http.post(app.url("/account/id-validity")).multipart(renew("long_term")).send().await.unwrap();
    let page = saved.text().await.unwrap();
    assert!(page.contains("已保存") && page.contains("长期有效"), "个人信息 says so");
    assert_eq!(validity_note(&alice, "000").await, Value::Null);

    // Long-term: no warning.
    let bob = app.browser();
    assert!(bob.call("sign_up", fields(BOB, "long_term")).await.status().is_success());
    assert_eq!(validity_note(&bob, "000").await, Value::Null);
}

#[tokio::test]
async fn the_check_step_must_have_been_taken_and_agree_whatever_the_browser_says() {
    let app = spawn_app().await;
    let mut skipped = fields(ALICE, "long_term");
    skipped["fields"].as_object_mut().unwrap().remove("typed_again");
    let (status, _, body) = error_kind(app.browser().call("sign_up", skipped).await).await;
    assert!(status == 422 && body.to_string().contains("请再次输入证件类型、证件号码和姓名进行核对"), "{body}");
    let mut differs = fields(ALICE, "long_term");
    differs["fields"]["typed_again"]["id_number"] = json!(BOB);
    let (status, _, body) = error_kind(app.browser().call("sign_up", differs).await).await;
    assert!(status == 422 && body.to_string().contains("证件号码与第一次填写的不一致"), "{body}");
    let mut lower_x = fields(ALICE, "long_term");
    lower_x["fields"]["typed_again"]["id_number"] = json!(ALICE.to_lowercase());
    assert!(app.browser().call("sign_up", lower_x).await.status().is_success(), "x and X are the same number");
}

//! Sign-up, duplicate IDs, login and the session cookie, over real HTTP.
use crate::support;

use serde_json::Value;
use support::*;

#[tokio::test]
async fn sign_up_creates_a_candidate_and_signs_them_in() {
    let app = spawn_app().await;
    let browser = app.browser();
    let response = browser.sign_up(" 11010519491231002x ", "张三", "secret-pass-1").await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_lowercase();
    assert!(cookie.contains("httponly") && cookie.contains("samesite=lax"), "{cookie}");
    let me: Value = browser.call("current_user", serde_json::json!({})).await.json().await.unwrap();
    assert_eq!(me["name"], "张三");
    assert_eq!(me["role"], "candidate");
    assert_eq!(me["id_number_masked"], "110***********002X");
}

#[tokio::test]
async fn a_second_sign_up_with_the_same_id_gets_a_clear_message() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let response = app.browser().sign_up(&ALICE.to_lowercase(), "冒名者", "other-pass-2").await;
    assert_eq!(response.status(), 409);
    let body = response.text().await.unwrap();
    assert!(body.contains("DuplicateIdNumber"), "{body}");
}

#[tokio::test]
async fn sign_up_with_a_bad_check_digit_is_refused_at_that_field() {
    let app = spawn_app().await;
    let response = app.browser().sign_up("110105194912310021", "张三", "secret-pass-1").await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["InvalidField"]["field"], "id_number");
    assert!(body["InvalidField"]["message_zh"].as_str().unwrap().contains("校验位应为 X"));
}

#[tokio::test]
async fn login_with_the_right_password_opens_a_session_and_a_wrong_one_does_not() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;

    let stranger = app.browser();
    let refused = stranger.log_in(ALICE, "wrong-pass-9").await;
    assert_eq!(refused.status(), 401);
    assert!(refused.text().await.unwrap().contains("BadCredentials"));
    let me: Value = stranger.call("current_user", serde_json::json!({})).await.json().await.unwrap();
    assert!(me.is_null());

    let owner = app.browser();
    assert_eq!(owner.log_in(&ALICE.to_lowercase(), "secret-pass-1").await.status(), 200);
    let me: Value = owner.call("current_user", serde_json::json!({})).await.json().await.unwrap();
    assert_eq!(me["name"], "考生");
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let browser = app.candidate(ALICE).await;
    browser.call("log_out", serde_json::json!({})).await;
    let me: Value = browser.call("current_user", serde_json::json!({})).await.json().await.unwrap();
    assert!(me.is_null());
}

#[tokio::test]
async fn demo_accounts_exist_on_first_start() {
    let app = spawn_app().await;
    let response = app.browser().log_in("44030519900101123X", "zige-demo-2026").await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn an_oversized_form_body_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    let padding = "x".repeat(200 * 1024);
    let response = app.browser().sign_up(ALICE, &padding, "secret-pass-1").await;
    assert_eq!(response.status(), 413);
}

/// The header says who is signed in from the server's own HTML, before the page's code has
/// loaded (which a slow phone may take seconds to do), and offers 登录 to a visitor.
#[tokio::test]
async fn the_page_names_who_is_signed_in_before_its_code_runs() {
    let app = spawn_app().await;
    let signed_in = app.new_candidate(ALICE).await.get("/").await.text().await.unwrap();
    for expected in ["data-testid=\"signed-in-as\"", ">考生<", ">退出<", "data-testid=\"notifications-link\""] {
        assert!(signed_in.contains(expected), "{expected} missing from the signed-in page: {signed_in}");
    }
    let visitor = app.browser().get("/login").await.text().await.unwrap();
    assert!(!visitor.contains("signed-in-as"), "{visitor}");
    assert!(visitor.contains("href=\"/login\""), "{visitor}");
}

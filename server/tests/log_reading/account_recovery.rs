//! 忘记密码 and 修改密码 over real HTTP: codes through the outbox, single use, 15 minutes, limited
//! per account; a reset or change ends the other sessions; the page never tells whether an ID
//! number is registered.
use crate::support;

use app::ssr::entities::outbox_message;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{json, Value};
use support::captured_log::captured_log;
use support::*;

/// The messages in the outbox, oldest first.
async fn outbox(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find().order_by_asc(outbox_message::Column::Id).all(&app.state.db).await.unwrap()
}

/// The six digits of the newest recovery message.
async fn newest_code(app: &TestApp) -> String {
    let message =
        outbox(app).await.into_iter().rev().find(|m| m.subject.contains("找回密码")).expect("a recovery message");
    let at = message.body.find("验证码 ").expect("the code in the text") + "验证码 ".len();
    message.body[at..at + 6].to_string()
}

async fn ask_for_code(browser: &Browser, id_number: &str, channel: &str) -> reqwest::Response {
    browser.call("request_recovery_code", json!({ "id_number": id_number, "channel": channel })).await
}

async fn reset(browser: &Browser, id_number: &str, code: &str, password: &str) -> reqwest::Response {
    browser.call("reset_password", json!({ "id_number": id_number, "code": code, "new_password": password })).await
}

async fn signed_in(browser: &Browser) -> bool {
    !browser.call("current_user", json!({})).await.json::<Value>().await.unwrap().is_null()
}

#[tokio::test]
async fn a_code_texted_to_the_mobile_resets_the_password_once() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let stranger = app.browser();
    assert_eq!(ask_for_code(&stranger, &ALICE.to_lowercase(), "sms").await.status(), 200);
    let texts: Vec<_> =
        outbox(&app).await.into_iter().filter(|m| m.channel == "sms" && m.subject.contains("找回密码")).collect();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].recipient, "13800138000");
    let code = newest_code(&app).await;

    assert_eq!(reset(&stranger, ALICE, &code, "brand-new-pass-7").await.status(), 200);
    assert_eq!(app.browser().log_in(ALICE, "secret-pass-1").await.status(), 401, "the old password no longer works");
    assert_eq!(app.browser().log_in(ALICE, "brand-new-pass-7").await.status(), 200);

    let again = reset(&stranger, ALICE, &code, "another-pass-8").await;
    let (status, kind, body) = error_kind(again).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"), "a code works once: {body}");
    assert!(body["InvalidField"]["message_zh"].as_str().unwrap().contains("验证码不正确或已过期"));
}

#[tokio::test]
async fn the_code_can_go_to_the_email_on_the_account() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    ask_for_code(&app.browser(), ALICE, "email").await;
    // (The demo data's approval in 002 wrote 李明 an email too.)
    let email = outbox(&app)
        .await
        .into_iter()
        .find(|m| m.channel == "email" && m.subject.contains("找回密码"))
        .expect("an email");
    assert_eq!(email.recipient, format!("{}@example.cn", ALICE.to_lowercase()));
    assert!(email.body.contains("Zige password recovery code"), "{}", email.body);
}

#[tokio::test]
async fn a_reset_signs_out_every_device_of_the_account() {
    let app = spawn_app().await;
    let phone = app.candidate(ALICE).await;
    let laptop = app.browser();
    assert_eq!(laptop.log_in(ALICE, "secret-pass-1").await.status(), 200);
    ask_for_code(&app.browser(), ALICE, "sms").await;
    let code = newest_code(&app).await;
    assert_eq!(reset(&app.browser(), ALICE, &code, "brand-new-pass-7").await.status(), 200);
    assert!(!signed_in(&phone).await && !signed_in(&laptop).await, "both sessions ended");
}

#[tokio::test]
async fn an_unregistered_id_number_gets_the_same_answer_and_sends_nothing() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let before = outbox(&app).await.len();
    let unknown = ask_for_code(&app.browser(), CAROL, "sms").await;
    let known = ask_for_code(&app.browser(), ALICE, "sms").await;
    assert_eq!(unknown.status(), known.status());
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
    assert_eq!(outbox(&app).await.len(), before + 1, "only the registered account got a text");
    let (status, _, _) = error_kind(reset(&app.browser(), CAROL, "123456", "brand-new-pass-7").await).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn staff_get_no_code_by_text_or_email_and_are_reset_by_an_administrator() {
    let app = spawn_app().await;
    app.reviewer().await;
    let before = outbox(&app).await.len();
    for channel in ["sms", "email"] {
        let asked = ask_for_code(&app.browser(), REVIEWER.0, channel).await;
        assert!(asked.status().is_success(), "the same answer as for anyone");
    }
    assert_eq!(outbox(&app).await.len(), before, "a mobile or a mailbox is no way round the second factor");
    let (status, _, _) = error_kind(reset(&app.browser(), REVIEWER.0, "123456", "brand-new-pass-7").await).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn a_code_dies_after_fifteen_minutes() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    ask_for_code(&app.browser(), ALICE, "sms").await;
    let code = newest_code(&app).await;
    app.clock.set(app.clock_now() + chrono::Duration::minutes(15) + chrono::Duration::seconds(1));
    assert_eq!(reset(&app.browser(), ALICE, &code, "brand-new-pass-7").await.status(), 422);
    assert_eq!(app.browser().log_in(ALICE, "secret-pass-1").await.status(), 200, "the password is unchanged");
}

#[tokio::test]
async fn five_wrong_guesses_kill_the_code() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    ask_for_code(&app.browser(), ALICE, "sms").await;
    let code = newest_code(&app).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(reset(&app.browser(), ALICE, wrong, "brand-new-pass-7").await.status(), 422);
    }
    assert_eq!(
        reset(&app.browser(), ALICE, &code, "brand-new-pass-7").await.status(),
        422,
        "the right code comes too late"
    );
}

#[tokio::test]
async fn a_new_password_that_breaks_the_rule_is_refused_by_its_length() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    ask_for_code(&app.browser(), ALICE, "sms").await;
    let code = newest_code(&app).await;
    let (status, kind, body) = error_kind(reset(&app.browser(), ALICE, &code, "short1").await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    assert!(body["InvalidField"]["message_zh"].as_str().unwrap().contains("当前 6 位"), "{body}");
}

#[tokio::test]
async fn changing_the_password_needs_the_old_one_and_signs_out_the_other_devices() {
    let app = spawn_app().await;
    let phone = app.candidate(ALICE).await;
    let laptop = app.browser();
    assert_eq!(laptop.log_in(ALICE, "secret-pass-1").await.status(), 200);

    let wrong = phone
        .call("change_password", json!({ "old_password": "not-my-pass-1", "new_password": "brand-new-pass-7" }))
        .await;
    let (status, _, body) = error_kind(wrong).await;
    assert_eq!(status, 422);
    assert_eq!(body["InvalidField"]["field"], "old_password");

    let changed = phone
        .call("change_password", json!({ "old_password": "secret-pass-1", "new_password": "brand-new-pass-7" }))
        .await;
    assert_eq!(changed.status(), 200);
    assert!(signed_in(&phone).await, "the device that changed it stays signed in");
    assert!(!signed_in(&laptop).await, "every other device is signed out");
    assert_eq!(app.browser().log_in(ALICE, "brand-new-pass-7").await.status(), 200);
}

/// 忘记密码 asked as it arrives through the operator's proxy from `address`.
async fn ask_for_code_from(app: &TestApp, address: &str, id_number: &str) -> reqwest::Response {
    raw_client()
        .post(app.url("/api/request_recovery_code"))
        .header("x-forwarded-for", address)
        .json(&json!({ "id_number": id_number, "channel": "sms" }))
        .send()
        .await
        .unwrap()
}

async fn recovery_texts(app: &TestApp) -> usize {
    outbox(app).await.into_iter().filter(|m| m.subject.contains("找回密码")).count()
}

#[tokio::test]
async fn a_stranger_asking_again_and_again_never_spends_the_owner_s_codes() {
    let app = spawn_app_with(|c| c.behind_proxy = true).await;
    app.candidate(ALICE).await;
    for _ in 0..5 {
        assert_eq!(ask_for_code_from(&app, "198.51.100.9", ALICE).await.status(), 200);
    }
    assert_eq!(recovery_texts(&app).await, 3, "one address is sent three codes an hour for one account");
    assert_eq!(ask_for_code_from(&app, "203.0.113.5", ALICE).await.status(), 200);
    assert_eq!(recovery_texts(&app).await, 4, "the owner, elsewhere, still gets one");
    // A crowd of addresses may not flood the phone: ten a day for the account, whoever asks.
    for n in 0..10 {
        ask_for_code_from(&app, &format!("192.0.2.{n}"), ALICE).await;
    }
    assert_eq!(recovery_texts(&app).await, 10);
}

#[tokio::test]
async fn guesses_sent_at_once_get_no_more_attempts_than_the_code_has() {
    use app::ssr::entities::recovery_code;
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    ask_for_code(&app.browser(), ALICE, "sms").await;
    let code = newest_code(&app).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guesses = (0..30).map(|_| {
        let browser = app.browser();
        async move { reset(&browser, ALICE, wrong, "brand-new-pass-7").await.status() }
    });
    let answers = futures_util::future::join_all(guesses).await;
    assert!(answers.iter().all(|status| *status == 422), "{answers:?}");
    let row = recovery_code::Entity::find().one(&app.state.db).await.unwrap().unwrap();
    assert_eq!(row.failed_attempts, 5, "thirty guesses at once were compared five times, no more");
    assert_eq!(reset(&app.browser(), ALICE, &code, "brand-new-pass-7").await.status(), 422, "the code is dead");
}

#[tokio::test]
async fn no_log_line_holds_a_code_a_password_or_a_full_id_number() {
    let log = captured_log();
    let app = spawn_app_with(|c| c.outbox_poll_ms = 50).await;
    app.candidate(ALICE).await;
    assert_eq!(app.browser().log_in(ALICE, "wrong-pass-9").await.status(), 401);
    ask_for_code(&app.browser(), ALICE, "sms").await;
    ask_for_code(&app.browser(), ALICE, "email").await;
    let code = newest_code(&app).await;
    // The outbox sends both (the demo's adapters note them in the log).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
        if text.contains("sms not sent") && text.contains("email not sent") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the outbox never sent them:\n{text}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    for secret in [code.as_str(), "secret-pass-1", "wrong-pass-9", ALICE, &ALICE.to_lowercase()] {
        assert!(!text.contains(secret), "{secret} is in the log:\n{text}");
    }
}

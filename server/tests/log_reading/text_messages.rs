//! Text messages through the gateways authorities use (issue 33), against local stand-ins that
//! check what Alibaba Cloud and Tencent Cloud check (`support::sms_standins`): a recovery code
//! arrives as the approved template with its values and resets the password, never appearing in
//! a log line; throttling is waited out and the text goes once; a bad number, a wrong key or a
//! request without an answer is given up and listed for administrators, who can send a mended
//! message again; a missing setting stops the server at start, naming it.
use crate::support;

use std::time::{Duration, Instant};

use app::ssr::entities::outbox_message;
use app::ssr::infra::clock::Clock;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use support::captured_log::{captured_log, captured_text};
use support::sms_standins::{Gateway, Scripted, StandIn, APP_ID, KEY_ID, SECRET, SIGN_NAME, UNKNOWN_NUMBER};
use support::*;

/// A server whose texts go to `stand_in`, signed with `secret`; its clock runs ten times faster
/// than real time, so the outbox's back-off passes.
async fn app_texting(stand_in: &StandIn, secret: &str) -> TestApp {
    captured_log();
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_with(|c| {
        c.outbox_poll_ms = 50;
        stand_in.configure(c, keys.path());
        // The installation's own secret, which a test may get wrong.
        std::fs::write(c.sms_access_key_secret_file.as_ref().unwrap(), format!("{secret}\n")).unwrap();
    })
    .await;
    // The secret was read at start; the folder may go.
    drop(keys);
    let clock = app.clock.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            clock.set(clock.now() + chrono::Duration::milliseconds(200));
        }
    });
    app
}

async fn wait_for<T>(what: &str, patience: Duration, mut found: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(value) = found().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The outbox's texts with a template, e.g. `recovery_code`.
async fn texts(app: &TestApp, template: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Channel.eq("sms"))
        .filter(outbox_message::Column::TextTemplate.eq(template))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn ask_for_code(app: &TestApp, id_number: &str) {
    let asked = app.browser().call("request_recovery_code", json!({ "id_number": id_number, "channel": "sms" })).await;
    assert_eq!(asked.status(), 200);
}

#[tokio::test]
async fn a_recovery_code_reaches_alibaba_cloud_after_its_throttling_and_never_a_log_line() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_texting(&stand_in, SECRET).await;
    app.candidate(ALICE).await;
    // The gateway's flow control answers the first try.
    stand_in.script(Scripted::Throttle);
    ask_for_code(&app, ALICE).await;

    let row = wait_for("the text to be sent", Duration::from_secs(30), async || {
        texts(&app, "recovery_code").await.into_iter().find(|row| row.sent_at.is_some())
    })
    .await;
    assert_eq!(row.attempts, 2, "throttled once, then accepted");
    let accepted: Vec<_> =
        stand_in.accepted().into_iter().filter(|a| a.reference == format!("zige-outbox-{}", row.id)).collect();
    assert_eq!(accepted.len(), 1, "sent once");
    let text = &accepted[0];
    assert_eq!((text.phone.as_str(), text.template.as_str()), ("13800138000", "SMS_RECOVERY_1"));
    assert_eq!(text.params["minutes"], "15");
    let code = text.params["code"].clone();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()), "{code}");

    // The code the gateway carried is the one that works.
    let reset = app
        .browser()
        .call("reset_password", json!({ "id_number": ALICE, "code": code, "new_password": "texted-pass-9" }))
        .await;
    assert_eq!(reset.status(), 200, "{}", reset.text().await.unwrap());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let logs = captured_text();
    assert!(logs.contains(&format!("outbox_id={}", row.id)), "the send was logged, by its row");
    assert!(!logs.contains(&code), "the recovery code is in a log line");
}

#[tokio::test]
async fn tencent_cloud_takes_a_returned_applications_text_and_a_bad_number_is_given_up_for_administrators() {
    let stand_in = StandIn::start(Gateway::Tencent).await;
    let app = app_texting(&stand_in, SECRET).await;

    // A review sends the candidate back: the text names the exam, through its template.
    let (_alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let page: Value = reviewer.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
    let application = page["rows"][0]["application_id"].as_i64().unwrap();
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "看不清" }]);
    let decided = reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
    let returned = wait_for("the returned text", Duration::from_secs(30), async || {
        stand_in.accepted().into_iter().find(|a| a.template == "SMS_RETURNED_2")
    })
    .await;
    assert_eq!(returned.phone, "+8613800138000");
    assert_eq!(returned.params["exam"], "资格初审材料上传（示例考试）");

    // A number the gateway knows no phone for: given up, not retried, listed with its reason.
    let stranger = app.browser();
    let fields = json!({ "id_type": "resident_id", "id_number": CAROL, "name": "号码错", "mobile": UNKNOWN_NUMBER,
        "password": "secret-pass-1", "email": "", "id_valid_until": "long_term",
        "typed_again": { "id_type": "resident_id", "id_number": CAROL, "name": "号码错" } });
    assert!(stranger.call("sign_up", json!({ "fields": fields })).await.status().is_success());
    ask_for_code(&app, CAROL).await;
    let given_up = wait_for("the bad number to be given up", Duration::from_secs(30), async || {
        texts(&app, "recovery_code")
            .await
            .into_iter()
            .find(|row| row.recipient == UNKNOWN_NUMBER && row.given_up_at.is_some())
    })
    .await;
    assert_eq!(given_up.attempts, 1);
    assert!(given_up.last_error.as_deref().unwrap().contains("InvalidParameterValue.IncorrectPhoneNumber"));
    let admin = app.admin().await;
    let listed: Value = admin.call("admin_undelivered_messages", json!({})).await.json().await.unwrap();
    let row = listed.as_array().unwrap().iter().find(|m| m["id"] == given_up.id).expect("listed for administrators");
    assert_eq!((row["recipient_masked"].as_str(), row["can_resend"].as_bool()), (Some("139****0000"), Some(false)));
    assert!(row["reason"].as_str().unwrap().contains("手机号格式错误"), "{row}");
    assert_eq!((row["what_zh"].as_str(), row["channel"].as_str()), (Some("找回密码验证码"), Some("sms")));
    // A recovery code is not sent again: it has expired; its owner asks for a new one.
    let (status, kind, _) =
        error_kind(admin.call("admin_resend_message", json!({ "message_id": given_up.id })).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(stand_in.requests_for(given_up.id), 1, "nothing is retried after it was given up");
}

#[tokio::test]
async fn a_wrong_key_is_refused_by_each_gateway_and_the_mended_message_is_sent_again_by_an_administrator() {
    for gateway in [Gateway::Aliyun, Gateway::Tencent] {
        let stand_in = StandIn::start(gateway).await;
        let app = app_texting(&stand_in, "not-the-secret-the-gateway-holds").await;
        app.candidate(ALICE).await;
        ask_for_code(&app, ALICE).await;
        let refused = wait_for("the refusal", Duration::from_secs(30), async || {
            texts(&app, "recovery_code").await.into_iter().find(|row| row.given_up_at.is_some())
        })
        .await;
        let expected =
            if gateway == Gateway::Aliyun { "SignatureDoesNotMatch" } else { "AuthFailure.SignatureFailure" };
        assert!(refused.last_error.as_deref().unwrap().starts_with(expected), "{:?}", refused.last_error);
        assert!(stand_in.accepted().is_empty(), "{gateway:?} accepted a wrongly signed text");
    }

    // An administrator sends a given-up text again once it is mended (here: the gateway's
    // answer was lost, so the server could not know whether it went).
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_texting(&stand_in, SECRET).await;
    let (_alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let page: Value = reviewer.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
    let application = page["rows"][0]["application_id"].as_i64().unwrap();
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    stand_in.script(Scripted::Silence);
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "看不清" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());
    let lost = wait_for("the unanswered text to be given up", Duration::from_secs(40), async || {
        texts(&app, "review_returned").await.into_iter().find(|row| row.given_up_at.is_some())
    })
    .await;
    assert!(lost.last_error.as_deref().unwrap().contains("may have been sent"), "{:?}", lost.last_error);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(stand_in.requests_for(lost.id), 1, "a text that may have gone is not sent again by itself");
    let admin = app.admin().await;
    let resent = admin.call("admin_resend_message", json!({ "message_id": lost.id })).await;
    assert!(resent.status().is_success(), "{}", resent.text().await.unwrap());
    let again = wait_for("the text sent again", Duration::from_secs(30), async || {
        stand_in.accepted().into_iter().find(|a| a.reference == format!("zige-outbox-{}", lost.id))
    })
    .await;
    assert_eq!(again.template, "SMS_RETURNED_2");
    let audit: Value =
        admin.call("admin_audit_log", json!({ "query": { "action": "message_resent" } })).await.json().await.unwrap();
    assert!(audit.to_string().contains(&format!("sms message {}", lost.id)), "{audit}");
}

#[tokio::test]
async fn a_gateway_without_its_secret_file_or_the_logging_adapter_behind_https_stops_the_start() {
    let data_dir = tempfile::tempdir().unwrap();
    let options = || leptos::prelude::LeptosOptions::builder().output_name("zige").build();
    let without_secret = server::config::Config {
        data_dir: data_dir.path().to_path_buf(),
        public_url: Some("https://zige.example.cn".to_string()),
        sms_gateway: "tencent".to_string(),
        sms_access_key_id: Some(KEY_ID.to_string()),
        sms_access_key_secret_file: Some(data_dir.path().join("missing-secret")),
        sms_app_id: Some(APP_ID.to_string()),
        sms_sign_name: Some(SIGN_NAME.to_string()),
        sms_template_recovery_code: Some("1".into()),
        sms_template_review_returned: Some("2".into()),
        sms_template_result_published: Some("3".into()),
        ..server::config::Config::default()
    };
    let refused = server::process::startup::prepare(&without_secret, options()).await.err().expect("refused");
    assert!(refused.to_string().contains("ZIGE_SMS_ACCESS_KEY_SECRET_FILE"), "{refused}");

    let behind_https = server::config::Config {
        data_dir: data_dir.path().to_path_buf(),
        public_url: Some("https://zige.example.cn".to_string()),
        ..server::config::Config::default()
    };
    let refused = server::process::startup::prepare(&behind_https, options()).await.err().expect("refused");
    assert!(refused.to_string().contains("ZIGE_SMS_GATEWAY=log"), "{refused}");
}

#[tokio::test]
async fn where_texts_are_configured_a_sign_up_needs_the_code_texted_to_its_mobile() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_with(|c| {
        c.outbox_poll_ms = 50;
        stand_in.configure_with_sign_up_code(c, keys.path());
    })
    .await;
    drop(keys);
    let fields = |code: &str| {
        json!({ "fields": { "id_type": "resident_id", "id_number": ALICE, "name": "张三", "mobile": "138 0013 8000",
                "password": "secret-pass-1", "mobile_code": code, "id_valid_until": "2036-05-01",
                "typed_again": { "id_type": "resident_id", "id_number": ALICE, "name": "张三" } } })
    };
    let person = app.browser();
    // Without a code, or with one never sent: refused, naming the field, and no account.
    let (status, kind, body) = error_kind(person.call("sign_up", fields("")).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    assert!(body.to_string().contains("mobile_code") && body.to_string().contains("短信验证码"), "{body}");
    let (status, _, _) = error_kind(person.call("sign_up", fields("123456")).await).await;
    assert_eq!(status, 422);
    let (_, _, malformed) = error_kind(person.call("send_sign_up_code", json!({ "mobile": "12" })).await).await;
    assert!(malformed.to_string().contains("11 位"), "{malformed}");

    // 获取验证码: the gateway takes the approved template with the code.
    assert_eq!(person.call("send_sign_up_code", json!({ "mobile": "13800138000" })).await.status(), 200);
    let text = wait_for("the sign-up code's text", Duration::from_secs(30), async || {
        stand_in.accepted().into_iter().find(|t| t.template == "SMS_SIGN_UP_5" && t.phone == "13800138000")
    })
    .await;
    let code = text.params["code"].clone();
    assert_eq!((code.len(), text.params["minutes"].as_str()), (6, "15"));
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, _, _) = error_kind(person.call("sign_up", fields(wrong)).await).await;
    assert_eq!(status, 422, "a wrong code signs nobody up");
    assert!(person.call("sign_up", fields(&code)).await.status().is_success(), "the texted code signs up");
    let account = app::ssr::accounts::account_store::find_by_id_number(&app.state.db, ALICE).await.unwrap().unwrap();
    assert!(account.mobile_verified_at.is_some(), "the account's mobile is proved");
    // Taken once: another sign-up with it is refused.
    let again = json!({ "fields": { "id_type": "resident_id", "id_number": BOB, "name": "李四", "mobile": "13800138000",
                "password": "secret-pass-1", "mobile_code": code, "id_valid_until": "2036-05-01",
                "typed_again": { "id_type": "resident_id", "id_number": BOB, "name": "李四" } } });
    assert_eq!(error_kind(app.browser().call("sign_up", again).await).await.0, 422);
    // A mobile is texted at most three codes an hour, whoever asks.
    for _ in 0..2 {
        assert_eq!(app.browser().call("send_sign_up_code", json!({ "mobile": "13800138000" })).await.status(), 200);
    }
    let (status, _, body) =
        error_kind(app.browser().call("send_sign_up_code", json!({ "mobile": "13800138000" })).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("每小时最多 3 次"), "the message names the limit: {body}");
}

#[tokio::test]
async fn without_the_sign_up_template_a_sign_up_takes_the_mobile_as_typed() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_with(|c| stand_in.configure(c, keys.path())).await;
    drop(keys);
    assert!(app.browser().sign_up(ALICE, "张三", "secret-pass-1").await.status().is_success());
    let asked = app.browser().call("send_sign_up_code", json!({ "mobile": "13800138000" })).await;
    assert_eq!(asked.status(), 404, "no code is offered");
}

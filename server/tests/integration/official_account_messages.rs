//! Seeds 001/003's "公众号信息反馈": the authority's 公众号 as a third channel, against a local
//! stand-in that checks what WeChat checks (`support::official_account_standin`). A candidate binds
//! it from 个人信息 through WeChat's web authorisation; a return then reaches their WeChat as the
//! account's template, with the exam, what happened, China's time and the page; a candidate who
//! bound nothing gets their email and text as before; a token WeChat ended early is replaced and
//! the message goes once; WeChat's refusals are given up and listed for administrators.
use crate::support;

use std::time::Duration;

use app::ssr::entities::outbox_message;
use app::ssr::messaging::text_template::TextMessage;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use server::gateways::official_account::official_account_settings::OfficialAccountSettings;
use server::gateways::official_account::template_message::OutgoingNotice;
use server::gateways::official_account::OfficialAccount;
use server::gateways::sms::SendFailure;
use support::official_account_standin::{OfficialAccountStandIn, FOLLOWER, TEMPLATES};
use support::*;

const EXAM_TITLE: &str = "资格初审材料上传（示例考试）";

/// A server whose 公众号 is `stand_in`.
async fn app_with_official_account(stand_in: &OfficialAccountStandIn) -> TestApp {
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_at(|c, address| {
        let public_url = format!("http://{address}");
        c.public_url = Some(public_url.clone());
        c.outbox_poll_ms = 50;
        stand_in.configure(c, keys.path(), &public_url);
    })
    .await;
    drop(keys);
    app
}

/// 绑定微信公众号 pressed in `browser`, through WeChat's authorise page and back: the page it ends on.
async fn bind(browser: &Browser) -> reqwest::Response {
    browser.http.get(format!("{}/auth/official-account/start", browser.app_url())).send().await.unwrap()
}

/// The reviewer returns the one application awaiting review, flagging `material`.
async fn return_application(app: &TestApp, material: &str) {
    let reviewer = app.reviewer().await;
    let page: Value = reviewer.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 1, "one application awaits");
    let application = page["rows"][0]["application_id"].as_i64().unwrap();
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": material, "reason": "unclear", "comment": "看不清" }]);
    let decided = reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
}

async fn official_account_rows(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Channel.eq("official_account"))
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_candidate_who_bound_the_official_account_hears_of_a_return_there_and_one_who_did_not_does_not() {
    let stand_in = OfficialAccountStandIn::start().await;
    let app = app_with_official_account(&stand_in).await;
    let (alice, alice_files) = app.submitted_candidate(ALICE).await;

    // 个人信息 offers it; through WeChat's authorisation and back, it says bound.
    let account_page = alice.http.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    assert!(account_page.contains("绑定微信公众号"), "个人信息 offers the 公众号");
    let bound = bind(&alice).await;
    assert_eq!(bound.url().path(), "/account");
    let page = bound.text().await.unwrap();
    assert!(page.contains("绑定成功") && page.contains("已绑定"), "{page}");

    // Alice is returned: her WeChat gets the account's template, her email and text as before.
    return_application(&app, &alice_files[0]).await;
    let message = wait_for("the 公众号 message", async || stand_in.accepted().into_iter().next()).await;
    assert_eq!((message.touser.as_str(), message.template_id.as_str()), (FOLLOWER, TEMPLATES[0].0));
    assert_eq!(message.data["thing1"], EXAM_TITLE.chars().take(20).collect::<String>());
    assert_eq!(message.data["thing2"], "材料需修改，请登录查看");
    let row = official_account_rows(&app).await.remove(0);
    let china = row.not_before + chrono::Duration::hours(8);
    assert_eq!(message.data["time3"], china.format("%Y年%-m月%-d日 %H:%M").to_string(), "China's time of the return");
    assert_eq!(message.url, app.url("/exams/000"));
    let channels: Vec<String> =
        outbox_message::Entity::find().all(&app.state.db).await.unwrap().into_iter().map(|r| r.channel).collect();
    assert!(channels.contains(&"email".to_string()), "the email still goes: {channels:?}");

    // Carol bound nothing: her return goes by email and in the app alone.
    let (_carol, carol_files) = app.submitted_candidate(CAROL).await;
    return_application(&app, &carol_files[0]).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rows = official_account_rows(&app).await;
    assert_eq!(rows.len(), 1, "one 公众号 message, Alice's");
    assert!(rows[0].sent_at.is_some());
    assert_eq!(stand_in.accepted().len(), 1);

    // A page elsewhere cannot unbind it for her; she can.
    let forged = alice.http.post(app.url("/auth/official-account/unbind")).header("sec-fetch-site", "cross-site");
    assert_eq!(forged.send().await.unwrap().status(), 403);
    assert_eq!(app::ssr::entities::official_account_binding::Entity::find().all(&app.state.db).await.unwrap().len(), 1);
    let unbound = alice.http.post(app.url("/auth/official-account/unbind")).send().await.unwrap();
    assert!(unbound.text().await.unwrap().contains("绑定微信公众号"));
}

#[tokio::test]
async fn a_binding_needs_a_signed_in_candidate_its_own_session_s_state_and_a_real_follower() {
    let stand_in = OfficialAccountStandIn::start().await;
    let app = app_with_official_account(&stand_in).await;
    let alice = app.candidate(ALICE).await;

    // Nobody signed in is sent to log in; a callback this session did not begin is refused.
    let stranger = Browser::stepping(app.url(""));
    let start = stranger.http.get(app.url("/auth/official-account/start")).send().await.unwrap();
    assert_eq!(start.headers()["location"], "/login");
    let forged =
        alice.http.get(app.url("/auth/official-account/callback?code=abc&state=not-mine")).send().await.unwrap();
    assert_eq!(forged.status(), 400);
    assert!(forged.text().await.unwrap().contains("绑定请求已失效"));

    // A page snapshot from Moments is no follower: refused in words, nothing bound.
    stand_in.snapshot_visitors();
    let snapshot = bind(&alice).await;
    assert_eq!(snapshot.status(), 502);
    assert!(snapshot.text().await.unwrap().contains("朋友圈里的页面快照不能绑定"));
    let no_row = app::ssr::entities::official_account_binding::Entity::find().all(&app.state.db).await.unwrap();
    assert!(no_row.is_empty());
}

#[tokio::test]
async fn one_wechat_is_bound_to_one_account_at_a_time() {
    let stand_in = OfficialAccountStandIn::start().await;
    let app = app_with_official_account(&stand_in).await;
    let alice = app.candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    assert!(bind(&alice).await.status().is_success());
    assert!(bind(&bob).await.status().is_success());
    let rows = app::ssr::entities::official_account_binding::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.len(), 1, "the same WeChat bound from Bob's account moved there");
    let alice_page = alice.http.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    assert!(alice_page.contains("绑定微信公众号") && !alice_page.contains("已绑定"));
}

/// The adapter alone against the stand-in: WeChat's refusals and an access token ended early.
#[tokio::test]
async fn an_ended_token_is_replaced_once_and_wechat_s_refusals_are_given_up() {
    let stand_in = OfficialAccountStandIn::start().await;
    let folder = tempfile::tempdir().unwrap();
    let mut config =
        server::config::Config { public_url: Some("http://127.0.0.1:3000".to_string()), ..Default::default() };
    stand_in.configure(&mut config, folder.path(), "http://127.0.0.1:3000");
    let official_account = OfficialAccount::new(OfficialAccountSettings::from_config(&config).unwrap().unwrap());
    let news = TextMessage::review_returned("资格初审材料上传（示例考试）");
    let notice = |id: i32, openid: &'static str| OutgoingNotice {
        outbox_id: id,
        queued_at: chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap(),
        openid,
        message: Some(&news),
        link: "/exams/000",
        at: chrono::Utc::now(),
    };
    official_account.send(notice(1, FOLLOWER)).await.unwrap();
    official_account.send(notice(2, FOLLOWER)).await.unwrap();
    assert_eq!(stand_in.tokens_issued(), 1, "the token is kept while it lives");

    // WeChat ended the token early: the message goes with a new one, once.
    stand_in.expire_token();
    official_account.send(notice(3, FOLLOWER)).await.unwrap();
    assert_eq!(stand_in.tokens_issued(), 2);
    assert_eq!(stand_in.accepted().len(), 3);
    // A repeat of a message whose answer was lost is sent once (its client_msg_id).
    official_account.send(notice(3, FOLLOWER)).await.unwrap();
    assert_eq!(stand_in.accepted().len(), 3);

    // Keys the template does not have are refused by WeChat, and so given up.
    config.official_account_template_keys = "exam=keyword1,event=keyword2,time=keyword3".to_string();
    let wrong_keys = OfficialAccount::new(OfficialAccountSettings::from_config(&config).unwrap().unwrap());
    let refused = wrong_keys.send(notice(4, FOLLOWER)).await.unwrap_err();
    assert!(matches!(&refused, SendFailure::Permanent(reason) if reason.starts_with("47003")), "{refused:?}");

    // No follower, or one who unfollowed: given up with WeChat's code.
    let unknown = official_account.send(notice(5, "o_nobody_follows")).await.unwrap_err();
    assert!(matches!(&unknown, SendFailure::Permanent(reason) if reason.starts_with("40003")), "{unknown:?}");
    stand_in.unfollow(FOLLOWER);
    let unfollowed = official_account.send(notice(6, FOLLOWER)).await.unwrap_err();
    assert!(matches!(&unfollowed, SendFailure::Permanent(reason) if reason.starts_with("43004")), "{unfollowed:?}");

    // A wrong AppSecret: given up, for an administrator to mend.
    std::fs::write(config.official_account_secret_file.as_ref().unwrap(), "not-the-secret\n").unwrap();
    let wrong_secret = OfficialAccount::new(OfficialAccountSettings::from_config(&config).unwrap().unwrap());
    let refused = wrong_secret.send(notice(7, FOLLOWER)).await.unwrap_err();
    assert!(matches!(&refused, SendFailure::Permanent(reason) if reason.contains("40125")), "{refused:?}");
}

#[tokio::test]
async fn a_missing_setting_stops_the_start_naming_it() {
    let mut config = server::config::Config {
        official_account_app_id: Some("wx2421b1c4370ec43b".to_string()),
        ..Default::default()
    };
    let missing = OfficialAccountSettings::from_config(&config).unwrap_err();
    assert!(missing.contains("ZIGE_OFFICIAL_ACCOUNT_SECRET_FILE"), "{missing}");
    let folder = tempfile::tempdir().unwrap();
    let secret = folder.path().join("secret");
    std::fs::write(&secret, "s\n").unwrap();
    config.official_account_secret_file = Some(secret);
    let no_public_url = OfficialAccountSettings::from_config(&config).unwrap_err();
    assert!(no_public_url.contains("ZIGE_PUBLIC_URL"), "{no_public_url}");
    config.public_url = Some("https://zige.example.cn".to_string());
    let no_template = OfficialAccountSettings::from_config(&config).unwrap_err();
    assert!(no_template.contains("ZIGE_OFFICIAL_ACCOUNT_TEMPLATE_REVIEW_RETURNED"), "{no_template}");
}

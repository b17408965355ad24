//! 报考须知, then 承诺书 (seed 002): the exam's page opens the notice until it is accepted, the pledge
//! is refused before it, and both acceptances are kept with their times; an application pledged
//! before the exam had a notice goes on.
use crate::support;

use sea_orm::EntityTrait;
use serde_json::json;
use support::*;

const INSIDE_PRESET_WINDOW: &str = "2027-01-15T12:00:00+08:00";

#[tokio::test]
async fn the_notice_comes_before_the_pledge_and_both_acceptances_keep_their_time() {
    let app = spawn_app().await;
    app.clock.set(at(INSIDE_PRESET_WINDOW));
    let admin = app.admin().await;
    let made = admin.call("admin_create_exam", json!({ "preset": "002", "code": "002-b", "source": "" })).await;
    assert!(made.status().is_success());
    let alice = app.new_candidate(ALICE).await;

    let opened = alice.get("/exams/002-b").await;
    assert_eq!(opened.url().path(), "/exams/002-b/notice", "the exam's page opens the notice first");
    let page = opened.text().await.unwrap();
    assert!(
        page.contains("每位报考者限报一个职位") && page.contains(r#"action="/exams/002-b/notice/accept""#),
        "{page}"
    );
    let (status, kind, body) = error_kind(alice.call("accept_pledge", json!({ "code": "002-b" })).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    assert!(body.to_string().contains("请先阅读并接受《报考须知》"), "{body}");

    // 接受 is a plain form: the answer opens the exam's page, now with the pledge.
    app.clock.set(at("2027-01-15T12:05:00+08:00"));
    let accepted = alice.http.post(format!("{}/exams/002-b/notice/accept", alice.app_url())).send().await.unwrap();
    assert_eq!(accepted.url().path(), "/exams/002-b", "after 接受, the exam's page");
    assert!(alice.call("accept_notice", json!({ "code": "002-b" })).await.status().is_success(), "twice is once");
    app.clock.set(at("2027-01-15T12:09:00+08:00"));
    assert!(alice.call("accept_pledge", json!({ "code": "002-b" })).await.status().is_success());
    // Seed 002's steps, worked out by the server: the photo is next.
    let page = alice.exam_page_of("002-b").await;
    let steps: Vec<&str> = page["flow"].as_array().unwrap().iter().map(|step| step.as_str().unwrap()).collect();
    assert_eq!(steps, ["注册", "上传照片", "填写个人信息", "选择职位", "报名信息确认", "资格审核", "缴费", "完成"]);
    assert_eq!(page["flow_at"], 1);

    let notice: Vec<_> = app::ssr::entities::notice_acceptance::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.exam_code == "002-b")
        .collect();
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].accepted_at, at("2027-01-15T12:05:00+08:00"), "the first press's time");
    let applications = app::ssr::entities::application::Entity::find().all(&app.state.db).await.unwrap();
    let application = applications.iter().find(|row| row.exam_code == "002-b").unwrap();
    assert_eq!(application.pledge_accepted_at, Some(at("2027-01-15T12:09:00+08:00")));
    let shown = alice.get("/exams/002-b/notice").await.text().await.unwrap();
    assert!(shown.contains("2027-01-15 12:05 北京时间"), "the notice's page says when: {shown}");
    assert_eq!(alice.get("/exams/002-b").await.url().path(), "/exams/002-b");

    // Exam 000 has no notice: its pledge comes first, and its notice is not found.
    let bob = app.new_candidate(BOB).await;
    assert_eq!(bob.get("/exams/000").await.url().path(), "/exams/000");
    assert_eq!(bob.call("accept_notice", json!({ "code": "000" })).await.status(), 404);
}

#[tokio::test]
async fn an_application_pledged_before_the_exam_had_a_notice_goes_on() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let admin = app.admin().await;
    let detail: serde_json::Value =
        admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = detail["source"].as_str().unwrap();
    let at_pledge = source.find("pledge_zh").unwrap();
    let with_notice = format!("{}notice_zh = \"先读须知。\"\n{}", &source[..at_pledge], &source[at_pledge..]);
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": with_notice })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
    assert_eq!(alice.get("/exams/000").await.url().path(), "/exams/000", "pledged already: no notice in the way");
    let bob = app.new_candidate(BOB).await;
    assert_eq!(bob.get("/exams/000").await.url().path(), "/exams/000/notice");
}

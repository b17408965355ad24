//! Seed 004's text and five days (issue 51): an administrator texts the listed candidates through
//! the gateway (here Alibaba Cloud's stand-in); a candidate's own days start the China day the
//! gateway accepted their text and end at that last day's 24:00, after which uploads, the form
//! and 提交审核 are refused naming the day and the application is 逾期放弃 for them and for
//! administrators. A text given up starts no clock; sending it again does, then. More days for
//! one candidate are audited with their reason and texted to them.
use crate::support;

use std::time::Duration;

use serde_json::{json, Value};
use support::sms_standins::{Accepted, Gateway, StandIn, UNKNOWN_NUMBER};
use support::*;

const EXAM: &str = "t51";
/// 10:00 in China on 27 November 2026: five days run to the end of 2 December.
const TEXTED_AT: &str = "2026-11-27T10:00:00+08:00";

/// A server texting through the Alibaba Cloud stand-in, its clock held at [`TEXTED_AT`], with a
/// list exam giving five days from the text.
async fn app_with_list_exam(stand_in: &StandIn) -> TestApp {
    let keys = tempfile::tempdir().unwrap();
    let app = spawn_app_with(|c| {
        c.outbox_poll_ms = 50;
        stand_in.configure(c, keys.path());
    })
    .await;
    drop(keys);
    app.clock.set(at(TEXTED_AT));
    let exam = open_exam(
        &app,
        EXAM,
        "eligibility = \"list\"\nupload_days_after_notice = 5",
        r#"
[[categories]]
code = "id_card"
name_zh = "身份证"
name_en = "ID card"
[categories.rules]
formats = ["jpeg"]
max_bytes = 2000000
required = true
"#,
    );
    app.add_exam(&exam).await;
    app
}

async fn listed(admin: &Browser) -> Value {
    let response = admin.call("admin_listed_candidates", json!({ "code": EXAM })).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn row_of<'a>(listed: &'a Value, name: &str) -> &'a Value {
    listed["rows"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{name} not listed"))
}

async fn text_listed(admin: &Browser, not_yet_told_only: bool) -> Value {
    let response =
        admin.call("admin_text_listed", json!({ "code": EXAM, "not_yet_told_only": not_yet_told_only })).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn listed_texts_to(stand_in: &StandIn, phone: &str) -> Vec<Accepted> {
    stand_in.accepted().into_iter().filter(|a| a.template == "SMS_LISTED_4" && a.phone == phone).collect()
}

/// A candidate on the list, signed up under the list's name, pledge accepted.
async fn listed_candidate(app: &TestApp, id_number: &str, name: &str) -> Browser {
    let browser = app.browser();
    assert!(browser.sign_up(id_number, name, "secret-pass-1").await.status().is_success());
    let accepted = browser.call("accept_pledge", json!({ "code": EXAM })).await;
    assert!(accepted.status().is_success(), "pledge refused: {}", accepted.text().await.unwrap());
    browser
}

#[tokio::test]
async fn a_delivered_text_gives_five_days_to_the_end_of_the_fifth_and_then_the_application_lapses() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let admin = app.admin().await;
    let list = format!("身份证号,姓名,手机\n{ALICE},张三,138 0013 8000\n{BOB},李四,{UNKNOWN_NUMBER}\n{CAROL},王五,\n");
    let imported = admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await;
    assert_eq!(imported.json::<Value>().await.unwrap()["accepted"], 3);

    let queued = text_listed(&admin, true).await;
    assert_eq!((queued["queued"].as_u64(), queued["without_mobile"].as_u64()), (Some(2), Some(1)));
    let text = wait_for("张三's text", async || listed_texts_to(&stand_in, "13800138000").pop()).await;
    assert_eq!(text.params["exam"], format!("测试考试 {EXAM}"));
    assert_eq!(text.params["address"], app.address.to_string(), "the site, where they sign up or log in");
    assert_eq!(text.params["last_day"], "12月2日");
    let mut names: Vec<_> = text.params.keys().cloned().collect();
    names.sort();
    assert_eq!(names, ["address", "exam", "last_day"], "no password and no code that signs in");
    // The words kept beside it say what the template says: register with the ID number first.
    let bodies: Vec<String> = {
        use sea_orm::EntityTrait as _;
        app::ssr::entities::outbox_message::Entity::find().all(&app.state.db).await.unwrap().into_iter()
    }
    .filter(|m| m.recipient == "13800138000")
    .map(|m| m.body)
    .collect();
    assert!(bodies.iter().any(|b| b.contains("用身份证号注册或登录，于12月2日24时前上传并提交")), "{bodies:?}");
    let told = wait_for("the list to show the delivery and the given-up text", async || {
        let listed = listed(&admin).await;
        (listed["counts"]["told"] == 1 && listed["counts"]["not_told"] == 1).then_some(listed)
    })
    .await;
    assert_eq!(told["counts"]["no_mobile"], 1);
    assert_eq!(row_of(&told, "张三")["last_day"], "2026-12-02 24:00");
    assert_eq!(row_of(&told, "李四")["notice_zh"], "未送达");
    assert_eq!(row_of(&told, "李四")["last_day"], Value::Null, "a text given up starts no clock");

    // 张三 reads their own last day on 我的考试 and the exam page, and works within it.
    let alice = listed_candidate(&app, ALICE, "张三").await;
    let page = alice.exam_page_of(EXAM).await;
    assert_eq!(page["own_days"][0], "请于 12月2日 24:00 前上传并提交，逾期视为自动放弃。");
    assert_eq!(page["closes_at"], "2026-12-02 24:00");
    let cards: Value = alice.call("list_exams", json!({})).await.json().await.unwrap();
    let card = cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == EXAM).unwrap();
    assert_eq!(card["own_days"][1], "Upload and submit by 24:00 on 2 December; after that your application lapses.");
    app.clock.set(at("2026-12-02T23:59:00+08:00"));
    let uploaded = alice.upload_to(EXAM, "id_card", 1, "card.jpg", samples::jpeg(120, 90)).await;
    assert_eq!(uploaded.status(), 201, "the last minute of the last day still counts");

    // 李四 has no clock: the exam's window is theirs.
    let bob = listed_candidate(&app, BOB, "李四").await;
    assert_eq!(bob.exam_page_of(EXAM).await["own_days"], Value::Null);

    // 24:00 on 2 December: 张三's days are over.
    app.clock.set(at("2026-12-03T00:00:00+08:00"));
    let (status, kind, body) =
        error_kind(alice.upload_to(EXAM, "id_card", 2, "late.jpg", samples::jpeg(120, 90)).await).await;
    assert_eq!((status, kind.as_str()), (403, "UploadClosed"));
    assert_eq!(body["UploadClosed"]["closed_at"], "2026-12-02 24:00", "the message names the day");
    let (_, kind, _) = error_kind(alice.save_application(EXAM, json!({}), None, true).await).await;
    assert_eq!(kind, "UploadClosed", "提交审核 is refused too");
    let (_, kind, _) = error_kind(alice.save_application(EXAM, json!({}), None, false).await).await;
    assert_eq!(kind, "UploadClosed", "and so is 暂存 of the form");
    let page = alice.exam_page_of(EXAM).await;
    assert_eq!(page["own_days"][0], "逾期放弃：您未在 12月2日 24:00 前提交，已视为自动放弃。");
    assert_eq!(page["lapsed"], true, "the state reads 逾期放弃, not 未开始");
    assert_eq!(page["phase"], "closed");
    assert_eq!(page["editable"], false);
    let uploaded = bob.upload_to(EXAM, "id_card", 1, "card.jpg", samples::jpeg(120, 90)).await;
    assert_eq!(uploaded.status(), 201, "李四, never told, still has the window");

    let lapsed = listed(&admin).await;
    assert_eq!(lapsed["counts"]["lapsed"], 1);
    assert_eq!(row_of(&lapsed, "张三")["standing_zh"], "逾期放弃");
    let export = admin.get(&format!("/api/admin/exams/{EXAM}/listed.csv")).await.text().await.unwrap();
    let line = export.lines().find(|l| l.contains("张三")).unwrap();
    assert!(line.contains("逾期放弃") && line.contains("2026-12-02 24:00"), "{line}");
}

#[tokio::test]
async fn more_days_need_a_reason_are_audited_and_texted_and_a_text_sent_again_starts_the_clock_then() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let admin = app.admin().await;
    let list = format!("{ALICE},张三,13800138000\n{BOB},李四,{UNKNOWN_NUMBER}\n");
    assert!(admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await.status().is_success());
    text_listed(&admin, true).await;
    wait_for("the delivery and the refusal", async || {
        let listed = listed(&admin).await;
        (listed["counts"]["told"] == 1 && listed["counts"]["not_told"] == 1).then_some(())
    })
    .await;

    // 张三 lapsed on 3 December; on 5 December an administrator gives three more days.
    app.clock.set(at("2026-12-05T09:00:00+08:00"));
    let alice = app.browser();
    assert!(alice.sign_up(ALICE, "张三", "secret-pass-1").await.status().is_success());
    let (_, kind, _) = error_kind(alice.call("accept_pledge", json!({ "code": EXAM })).await).await;
    assert_eq!(kind, "UploadClosed", "a lapsed candidate cannot begin either");
    let more = |days: u32, reason: &str| {
        admin.call("admin_give_more_days", json!({ "code": EXAM, "id_number": ALICE, "days": days, "reason": reason }))
    };
    let (status, kind, _) = error_kind(more(3, "  ").await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"), "a reason is required");
    let (status, _, body) = error_kind(more(45, "出差").await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("45"), "the message names the number: {body}");
    let given = more(3, "本人出差，单位出具证明").await;
    assert_eq!(given.status(), 200);
    assert_eq!(given.json::<Value>().await.unwrap(), "2026-12-08", "three days from today, as the last one passed");
    let texts = wait_for("the new day's text", async || {
        let texts = listed_texts_to(&stand_in, "13800138000");
        (texts.len() == 2).then_some(texts)
    })
    .await;
    assert_eq!(texts[1].params["last_day"], "12月8日");
    let page = alice.exam_page_of(EXAM).await;
    assert_eq!(page["own_days"][0], "请于 12月8日 24:00 前上传并提交，逾期视为自动放弃。");
    assert!(alice.call("accept_pledge", json!({ "code": EXAM })).await.status().is_success());
    assert_eq!(alice.upload_to(EXAM, "id_card", 1, "card.jpg", samples::jpeg(120, 90)).await.status(), 201);
    let audit: Vec<Value> = admin
        .call("admin_audit_log", json!({ "query": { "action": "own_days_extended" } }))
        .await
        .json()
        .await
        .unwrap();
    let line = audit.iter().find(|l| l["action"] == "own_days_extended").expect("the extension is audited");
    let detail = line["detail"].as_str().unwrap();
    assert!(detail.contains("本人出差") && detail.contains("2026-12-02 → 2026-12-08"), "{detail}");
    assert!(!detail.contains(ALICE), "the audit masks the ID number: {detail}");

    // 李四's text was given up; once the list gives the right number, sending to those not yet
    // told reaches them, and their five days count from that day.
    let (_, kind, _) = error_kind(
        admin
            .call("admin_give_more_days", json!({ "code": EXAM, "id_number": BOB, "days": 2, "reason": "补发" }))
            .await,
    )
    .await;
    assert_eq!(kind, "InvalidField", "no text accepted: no days to extend yet");
    let mended = format!("{BOB},李四,13800138001\n");
    assert!(admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": mended })).await.status().is_success());
    let queued = text_listed(&admin, true).await;
    assert_eq!(queued["queued"], 1, "only the one not yet told");
    let text = wait_for("李四's text", async || listed_texts_to(&stand_in, "13800138001").pop()).await;
    assert_eq!(text.params["last_day"], "12月10日");
    let listed = wait_for("李四's delivery", async || {
        let listed = listed(&admin).await;
        (listed["counts"]["told"] == 2).then_some(listed)
    })
    .await;
    assert_eq!(row_of(&listed, "李四")["last_day"], "2026-12-10 24:00");
    assert_eq!(
        row_of(&listed, "张三")["last_day"],
        "2026-12-08 24:00",
        "a second round leaves a told candidate's clock"
    );
    assert!(listed_texts_to(&stand_in, "13800138000").len() == 2, "张三, told, is not texted by 'not yet told'");
}

#[tokio::test]
async fn a_listed_candidates_text_is_not_sent_again_from_the_undelivered_list_but_from_the_exams_list() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let admin = app.admin().await;
    let list = format!("{BOB},李四,{UNKNOWN_NUMBER}\n");
    assert!(admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await.status().is_success());
    text_listed(&admin, true).await;
    let undelivered = wait_for("the given-up text", async || {
        let rows: Value = admin.call("admin_undelivered_messages", json!({})).await.json().await.unwrap();
        rows.as_array().unwrap().iter().find(|r| r["what_zh"] == "报名通知（名单内考生）").cloned()
    })
    .await;
    assert_eq!(undelivered["can_resend"], false);
    let (status, _, body) =
        error_kind(admin.call("admin_resend_message", json!({ "message_id": undelivered["id"] })).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("资格名单"), "{body}");
}

#[tokio::test]
async fn two_administrators_texting_the_list_at_the_same_moment_text_each_candidate_once() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let (first, second) = (app.admin().await, app.admin().await);
    let list = format!("{ALICE},张三,13800138000\n");
    assert!(first.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await.status().is_success());
    let (one, other) = tokio::join!(text_listed(&first, true), text_listed(&second, true));
    let queued = one["queued"].as_u64().unwrap() + other["queued"].as_u64().unwrap();
    assert_eq!(queued, 1, "{one} {other}");
    wait_for("the delivery", async || {
        let listed = listed(&first).await;
        (listed["counts"]["told"] == 1).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(listed_texts_to(&stand_in, "13800138000").len(), 1, "one text, not two");
}

/// 注销账户 with the password, as the account page posts it; a 503 (SQLite busy with the outbox
/// worker's writes of this test's texts) is sent again after its wait, as the page would be.
async fn delete_account(candidate: &Browser, password: &str) -> u16 {
    for _ in 0..5 {
        let form = reqwest::multipart::Form::new().text("password", password.to_string());
        let deleted = candidate
            .http
            .post(format!("{}/account/delete", candidate.app_url()))
            .multipart(form)
            .send()
            .await
            .unwrap();
        if deleted.status() != 503 {
            return deleted.status().as_u16();
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    503
}

#[tokio::test]
async fn a_lapsed_candidate_who_deletes_the_account_and_is_listed_again_is_still_past_their_days() {
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let admin = app.admin().await;
    let list = format!("{ALICE},张三,13800138000\n");
    assert!(admin
        .call("admin_import_eligibility", json!({ "code": EXAM, "csv": list.clone() }))
        .await
        .status()
        .is_success());
    text_listed(&admin, true).await;
    wait_for("the delivery", async || (listed(&admin).await["counts"]["told"] == 1).then_some(())).await;
    // Two more days (to 4 December), then past them.
    app.clock.set(at("2026-11-28T09:00:00+08:00"));
    let more = json!({ "code": EXAM, "id_number": ALICE, "days": 2, "reason": "单位证明" });
    assert_eq!(admin.call("admin_give_more_days", more).await.json::<Value>().await.unwrap(), "2026-12-04");
    // The new day's text goes before the account's deletion below, which takes back what still
    // waits to its mobile (under load the outbox had not sent it yet, and it never went).
    wait_for("the first text and the new day's", async || {
        (listed_texts_to(&stand_in, "13800138000").len() >= 2).then_some(())
    })
    .await;
    app.clock.set(at("2026-12-05T09:00:00+08:00"));
    let alice = app.browser();
    assert!(alice.sign_up(ALICE, "张三", "secret-pass-1").await.status().is_success());
    assert_eq!(
        alice.exam_page_of(EXAM).await["own_days"][0],
        "逾期放弃：您未在 12月4日 24:00 前提交，已视为自动放弃。"
    );

    // 张三 deletes the account: the list's row goes with it.
    assert_eq!(delete_account(&alice, "secret-pass-1").await, 200);
    assert_eq!(listed(&admin).await["counts"]["total"], 0, "the row left with the account");
    use sea_orm::EntityTrait;
    let ledger = app::ssr::entities::told_number::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(ledger.len(), 1, "when the number was told stays");
    assert!(!ledger[0].number_key.contains(&ALICE[6..14]), "and holds no readable number");

    // Listed again (the same list imported once more) and signed up again: still past the days.
    assert!(admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await.status().is_success());
    let again = listed(&admin).await;
    assert_eq!(row_of(&again, "张三")["last_day"], "2026-12-04 24:00", "the told day and the days given, not new ones");
    assert_eq!(row_of(&again, "张三")["standing_zh"], "逾期放弃");
    let back = app.browser();
    assert!(back.sign_up(ALICE, "张三", "secret-pass-2").await.status().is_success());
    assert_eq!(back.exam_page_of(EXAM).await["own_days"][0], "逾期放弃：您未在 12月4日 24:00 前提交，已视为自动放弃。");
    let (_, kind, _) = error_kind(back.call("accept_pledge", json!({ "code": EXAM })).await).await;
    assert_eq!(kind, "UploadClosed");
}

#[tokio::test]
async fn a_number_told_before_the_ledger_existed_is_written_into_it_once() {
    use app::ssr::entities::told_number;
    use app::ssr::exams::told_numbers::remember_rows_told_before;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let stand_in = StandIn::start(Gateway::Aliyun).await;
    let app = app_with_list_exam(&stand_in).await;
    let admin = app.admin().await;
    let list = format!("{ALICE},张三,13800138000\n");
    assert!(admin.call("admin_import_eligibility", json!({ "code": EXAM, "csv": list })).await.status().is_success());
    text_listed(&admin, true).await;
    wait_for("the delivery", async || (listed(&admin).await["counts"]["told"] == 1).then_some(())).await;
    // As an installation upgraded from before the ledger: the row says when, the ledger nothing.
    told_number::Entity::delete_many().exec(&app.state.db).await.unwrap();
    let db = &app.state.db;
    assert_eq!(remember_rows_told_before(db, app.clock_now()).await.unwrap(), 1);
    assert_eq!(remember_rows_told_before(db, app.clock_now()).await.unwrap(), 0, "once");
    let entry = told_number::Entity::find().one(db).await.unwrap().expect("remembered");
    assert_eq!(entry.told_at, at(TEXTED_AT));
    assert_eq!(told_number::Entity::find().count(db).await.unwrap(), 1);
}

//! What the reviewer's assistant reads off a 备案表 for seed 004 (issue 66): the 证书编号 against the
//! 高等教育学历 rows ("根据毕业证内容填写") — the review screen says whether the rows hold it; a candidate
//! who corrects the rows is compared again without the picture being read again; a reading
//! tesseract did not finish is tried again later, never called unreadable — and the last day its
//! online verification runs ("在线验证有效期请设置为180天"), against the close of the review.
use crate::reviewer_assistant::{
    findings, sheet_when_looked_at, site_with_broken_tesseract, waiting_in_order, with_finding, REPORT_AND_DIPLOMA,
    XUEXIN,
};
use crate::support;

use std::time::{Duration, Instant};

use app::ssr::entities::{material, picture_finding};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use support::record_pictures::{xuexin_record, RecordHolder};
use support::review_pictures::jpeg;
use support::*;

/// The number the records print: a bachelor's (05) of 2012.
const PRINTED: &str = "104231201205001234";

/// An exam whose 备案表 prints its holder's 证件号码 and the diploma's 证书编号, and whose form has
/// the rows to compare the latter with.
fn diploma_record_exam(app: &TestApp) -> String {
    let categories = REPORT_AND_DIPLOMA.replacen(
        "qr = \"required\"",
        "qr = \"required\"\nholder_id_number = true\ndiploma_number = true",
        1,
    );
    let form = r#"
[[form]]
key = "diplomas"
label_zh = "高等教育学历"
label_en = "Higher education"
kind = "diplomas"
"#;
    open_exam(app, "931", "", &format!("{form}{categories}"))
}

/// One bachelor's row whose 证书编号 is `number`, the rest as the record prints it.
fn rows(number: &str) -> Value {
    json!({ "diplomas": format!("大学本科\t示例大学\t计算机科学与技术\t2008-09\t2012-06\t{number}") })
}

/// A scan of `holder`'s 备案表, printing [`PRINTED`], verifiable until 20 May 2027.
fn record(holder: &str) -> (&'static str, Vec<u8>) {
    record_until(holder, "2027年05月20日")
}

fn record_until(holder: &str, verification_ends: &str) -> (&'static str, Vec<u8>) {
    let holder = RecordHolder { name: "王小明", id_number: holder, certificate_number: PRINTED, verification_ends };
    ("report", jpeg(&xuexin_record(&holder, XUEXIN, false), 90))
}

/// A new candidate who entered exam 931, uploaded their record and saved `form` (`submit`: with
/// 提交审核, else 暂存).
async fn with_record(app: &TestApp, id_number: &str, form: Value, submit: bool) -> Browser {
    let browser = app.new_candidate(id_number).await;
    assert!(browser.call("accept_pledge", json!({ "code": "931" })).await.status().is_success());
    let (category, bytes) = record(id_number);
    let stored = browser.upload_to("931", category, 1, "record.jpg", bytes).await;
    assert!(stored.status().is_success(), "upload refused: {}", stored.text().await.unwrap());
    save(&browser, form, submit).await;
    browser
}

async fn save(browser: &Browser, form: Value, submit: bool) {
    let saved = browser.save_application("931", form, None, submit).await;
    assert!(saved.status().is_success(), "not saved: {}", saved.text().await.unwrap());
}

#[tokio::test]
async fn the_diploma_number_on_a_record_is_compared_with_the_rows_typed() {
    let app = spawn_app().await;
    app.add_exam(&diploma_record_exam(&app)).await;
    // Alice typed the number her record prints; Bob typed it a digit off.
    with_record(&app, ALICE, rows(PRINTED), true).await;
    with_record(&app, BOB, rows("104231201205001235"), true).await;

    let admin = app.admin().await;
    let [alice, bob] = waiting_in_order(&admin, "931").await[..] else { panic!("two applications") };
    let alice_sheet = sheet_when_looked_at(&admin, alice).await;
    assert_eq!(findings(&alice_sheet, "report", 1)["diploma_number"], json!("Matches"));
    // The record's 证件号码 line is 18 digits too: it is read as the holder's, never as the 证书编号.
    assert_eq!(findings(&alice_sheet, "report", 1)["id_number"], json!("Matches"));
    let bob_sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(findings(&bob_sheet, "report", 1)["diploma_number"], json!({ "Differs": { "read": PRINTED } }));
    assert_eq!(with_finding(&admin, "931", "DiplomaNumberDiffers").await, [bob]);
    assert_eq!(with_finding(&admin, "931", "DiplomaNumberUnreadable").await, Vec::<i64>::new());
}

/// The finding of exam 931's one picture, once the assistant has read its 证书编号 (the demo's
/// pictures of other exams have findings too).
async fn read_finding(app: &TestApp) -> picture_finding::Model {
    let picture = material::Entity::find()
        .filter(material::Column::ExamCode.eq("931"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the record was stored");
    let started = Instant::now();
    loop {
        app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
        let found = picture_finding::Entity::find()
            .filter(picture_finding::Column::BlobKey.eq(&picture.blob_key))
            .one(&app.state.db)
            .await
            .unwrap();
        if let Some(finding) = found.as_ref().filter(|finding| finding.diploma_number.is_some()) {
            return finding.clone();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "never read: {found:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn rows_corrected_after_the_record_was_read_are_compared_again_and_the_record_is_not_read_again() {
    let app = spawn_app().await;
    app.add_exam(&diploma_record_exam(&app)).await;
    // A draft whose number is a digit off: the record is read, and said to differ.
    let carol = with_record(&app, CAROL, rows("104231201205001235"), false).await;
    let first = read_finding(&app).await;
    assert_eq!(
        (first.diploma_number.as_deref(), first.diploma_number_read.as_deref()),
        (Some("differs"), Some(PRINTED))
    );

    // 暂存 with the number corrected: the same reading, compared again.
    save(&carol, rows(PRINTED), false).await;
    let corrected = read_finding(&app).await;
    assert_eq!(corrected.diploma_number.as_deref(), Some("matches"));
    assert_eq!(corrected.looked_at, first.looked_at, "not looked at again");

    // And wrong again, then handed in right: the review screen says what the rows say at the end.
    save(&carol, rows("104231201205009999"), false).await;
    assert_eq!(read_finding(&app).await.diploma_number.as_deref(), Some("differs"));
    save(&carol, rows(PRINTED), true).await;
    let admin = app.admin().await;
    let application = admin.first_waiting("931").await;
    assert_eq!(
        findings(&sheet_when_looked_at(&admin, application).await, "report", 1)["diploma_number"],
        json!("Matches")
    );
}

#[tokio::test]
async fn a_diploma_number_tesseract_did_not_finish_is_read_again_later_and_never_called_unreadable() {
    let (app, broken, _folder) = site_with_broken_tesseract().await;
    app.add_exam(&diploma_record_exam(&app)).await;
    with_record(&app, ALICE, rows(PRINTED), true).await;
    let admin = app.admin().await;
    let alice = admin.first_waiting("931").await;
    let read = |sheet: &Value| findings(sheet, "report", 1)["diploma_number"].clone();
    assert_eq!(read(&sheet_when_looked_at(&admin, alice).await), json!("Unfinished"), "not 'could not be read'");
    let looked_at = || async {
        let rows: Value = admin.queue("931", json!("awaiting"), Value::Null).await.json().await.unwrap();
        rows["rows"][0]["looked_at"].clone()
    };
    assert_eq!(looked_at().await, json!(false), "the queue does not call the record checked");

    // Mended: read again once its wait is over, not before.
    std::fs::remove_file(&broken).unwrap();
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(read(&admin.sheet(alice).await), json!("Unfinished"));
    app.clock.set(app.clock_now() + chrono::Duration::minutes(11));
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(read(&admin.sheet(alice).await), json!("Matches"));
    assert_eq!(looked_at().await, json!(true));
}

#[tokio::test]
async fn the_last_day_a_record_verifies_is_read_and_said_when_it_comes_before_the_review_closes() {
    let app = spawn_app().await;
    // The exam's review closes 310 days from now (`open_exam`).
    app.add_exam(&diploma_record_exam(&app)).await;
    let printed = |days: i64| {
        let day = app::domain::china_day::china_day_of(app.clock_now() + chrono::Duration::days(days));
        (day, day.format("%Y年%m月%d日").to_string())
    };
    let ((early, early_text), (late, late_text)) = (printed(200), printed(400));
    let alice = app.new_candidate(ALICE).await;
    assert!(alice.call("accept_pledge", json!({ "code": "931" })).await.status().is_success());
    for (seq_no, until) in [(1, &early_text), (2, &late_text)] {
        let (category, bytes) = record_until(ALICE, until);
        assert!(alice.upload_to("931", category, seq_no, "record.jpg", bytes).await.status().is_success());
    }
    save(&alice, rows(PRINTED), true).await;

    let admin = app.admin().await;
    let sheet = sheet_when_looked_at(&admin, admin.first_waiting("931").await).await;
    let review_closes = app::domain::china_time::ChinaTime::of(&(app.clock_now() + chrono::Duration::days(310)));
    let end = |day: chrono::NaiveDate, ends_first: bool| {
        json!({
            "ends": app::domain::china_time::ChinaTime::end_of(day),
            "review_closes": review_closes,
            "ends_first": ends_first,
        })
    };
    assert_eq!(findings(&sheet, "report", 1)["verification_end"], end(early, true));
    assert_eq!(findings(&sheet, "report", 2)["verification_end"], end(late, false));
}

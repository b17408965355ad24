//! The reviewer's assistant (issue 34): after an upload is answered, the server looks at the
//! picture in the background and the review screen shows what it found beside the picture — where a QR
//! code leads, and another candidate's picture of the same document, named only to a reviewer who
//! may review that application too.
use crate::support;

use std::time::{Duration, Instant};

use picture_checks::document_hash::{document_hash, same_document};
use serde_json::{json, Value};
use support::certificate_pictures::certificate_page;
use support::id_card_pictures::{held_id_card, id_card_scan};
use support::record_pictures::{xuexin_record, RecordHolder};
use support::review_pictures::{code_cut_off, code_smeared, document_page, grainy, jpeg, rephotographed, white_page};
use support::*;

pub(crate) const XUEXIN: &str = "https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8&srcid=bgcx";
const ELSEWHERE: &str = "https://verify.example.net/report?id=20261126";

/// A category whose pictures must carry a QR code, and one that wants none.
pub(crate) const REPORT_AND_DIPLOMA: &str = r#"
[[categories]]
code = "report"
name_zh = "学历证书电子注册备案表"
name_en = "Registration record"
qr = "required"
[categories.rules]
max_count = 5
[[categories]]
code = "diploma"
name_zh = "学历证书"
name_en = "Diploma"
"#;

/// Exams alike but for their code, with [`REPORT_AND_DIPLOMA`].
fn exam(app: &TestApp, code: &str) -> String {
    open_exam(app, code, "", REPORT_AND_DIPLOMA)
}

/// A new candidate who entered `exam`, uploaded `pictures` (category, bytes) and submitted.
pub(crate) async fn submitted(app: &TestApp, id_number: &str, exam: &str, pictures: Vec<(&str, Vec<u8>)>) -> Browser {
    let browser = app.new_candidate(id_number).await;
    hand_in(&browser, exam, pictures).await;
    browser
}

/// The signed-in candidate enters `exam`, uploads `pictures` (category, bytes) and submits.
async fn hand_in(browser: &Browser, exam: &str, pictures: Vec<(&str, Vec<u8>)>) {
    assert!(browser.call("accept_pledge", json!({ "code": exam })).await.status().is_success());
    for (seq_no, (category, bytes)) in (1..).zip(pictures) {
        let stored = browser.upload_to(exam, category, seq_no, "page.jpg", bytes).await;
        assert!(stored.status().is_success(), "upload refused: {}", stored.text().await.unwrap());
    }
    let handed_in = browser.save_application(exam, json!({}), None, true).await;
    assert!(handed_in.status().is_success(), "submission refused: {}", handed_in.text().await.unwrap());
}

/// The review sheet once the assistant has looked at every picture on it.
pub(crate) async fn sheet_when_looked_at(reviewer: &Browser, application: i64) -> Value {
    let started = Instant::now();
    loop {
        let sheet = reviewer.sheet(application).await;
        if materials(&sheet).iter().all(|material| !material["findings"].is_null()) {
            return sheet;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the assistant never looked: {sheet}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn materials(sheet: &Value) -> Vec<Value> {
    sheet["categories"].as_array().unwrap().iter().flat_map(|c| c["materials"].as_array().unwrap().clone()).collect()
}

/// The findings of the picture with sequence number `seq_no` in `category`.
pub(crate) fn findings(sheet: &Value, category: &str, seq_no: u64) -> Value {
    materials(sheet)
        .into_iter()
        .find(|i| i["material"]["category"] == category && i["material"]["seq_no"] == seq_no)
        .unwrap_or_else(|| panic!("no picture {category} {seq_no}"))["findings"]
        .clone()
}

#[tokio::test]
async fn the_review_screen_shows_where_each_qr_code_leads_and_which_could_not_be_read() {
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "920")).await;
    let page = document_page(1, Some(XUEXIN));
    submitted(
        &app,
        ALICE,
        "920",
        vec![
            ("report", jpeg(&page, 85)),
            ("report", jpeg(&document_page(2, Some(ELSEWHERE)), 85)),
            ("report", jpeg(&code_smeared(&page), 85)),
            ("report", jpeg(&code_cut_off(&page), 85)),
            ("diploma", jpeg(&document_page(3, None), 85)),
        ],
    )
    .await;
    // Bob's application is clean: a printed page where no code is asked for.
    submitted(&app, BOB, "920", vec![("diploma", jpeg(&document_page(4, None), 85))]).await;
    let reviewer = app.new_reviewer(DAVE, &["920"]).await;
    let alice = reviewer.first_waiting("920").await;
    let sheet = sheet_when_looked_at(&reviewer, alice).await;

    // A 学信网 report: its code, and the address rebuilt from it.
    assert_eq!(
        findings(&sheet, "report", 1)["qr"],
        json!({ "Read": { "text": XUEXIN, "target": { "XuexinReport": { "vcode": "A1B2C3D4E5F6G7H8" } } } })
    );
    // Anything else is text, marked as not 学信网's.
    assert_eq!(findings(&sheet, "report", 2)["qr"], json!({ "Read": { "text": ELSEWHERE, "target": "Other" } }));
    // Smeared, or cut off by the frame: not read, and said so.
    assert_eq!(findings(&sheet, "report", 3)["qr"], json!("Unreadable"));
    assert_eq!(findings(&sheet, "report", 4)["qr"], json!("Unreadable"));
    // A category that wants no code is not asked about one; the looks are measured everywhere.
    let diploma = findings(&sheet, "diploma", 5);
    assert_eq!(diploma["qr"], Value::Null);
    assert_eq!(diploma["looks"], json!([]), "a clean printed page looks fine");

    // The queue: a badge per kind on Alice's row, none on Bob's; each filter lists whom it names.
    let bob = other_than(&reviewer, "920", alice).await;
    sheet_when_looked_at(&reviewer, bob).await;
    let rows = queue_rows(&reviewer, json!("Any")).await;
    assert_eq!(rows[&alice], json!({ "findings": ["QrUnreadable", "QrElsewhere"], "looked_at": true }));
    assert_eq!(rows[&bob], json!({ "findings": [], "looked_at": true }));
    assert_eq!(queue_rows(&reviewer, json!("Nothing")).await.into_keys().collect::<Vec<_>>(), [bob]);
    for kind in ["QrUnreadable", "QrElsewhere"] {
        assert_eq!(queue_rows(&reviewer, json!({ "Kind": kind })).await.into_keys().collect::<Vec<_>>(), [alice]);
    }
    for kind in ["Looks", "SameDocument"] {
        assert!(queue_rows(&reviewer, json!({ "Kind": kind })).await.is_empty(), "{kind}");
    }
}

/// The waiting applications of `exam` the queue's filter to the finding `kind` lists.
pub(crate) async fn with_finding(staff: &Browser, exam: &str, kind: &str) -> Vec<i64> {
    let query = json!({ "exam_code": exam, "filter": "awaiting", "from": null, "to": null, "findings": { "Kind": kind }, "after": null });
    let page: Value = staff.call("review_queue", json!({ "query": query })).await.json().await.unwrap();
    page["rows"].as_array().unwrap().iter().map(|r| r["application_id"].as_i64().unwrap()).collect()
}

/// Exam 920's waiting applications under a findings filter: each one's badges and whether every
/// picture was looked at.
async fn queue_rows(reviewer: &Browser, findings: Value) -> std::collections::BTreeMap<i64, Value> {
    let query = json!({ "exam_code": "920", "filter": "awaiting", "from": null, "to": null, "findings": findings, "after": null });
    let page: Value = reviewer.call("review_queue", json!({ "query": query })).await.json().await.unwrap();
    page["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows: {page}"))
        .iter()
        .map(|r| {
            (r["application_id"].as_i64().unwrap(), json!({ "findings": r["findings"], "looked_at": r["looked_at"] }))
        })
        .collect()
}

#[tokio::test]
async fn the_same_document_from_two_people_is_named_only_to_a_reviewer_of_both() {
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "920")).await;
    app.add_exam(&exam(&app, "921")).await;
    let diploma = certificate_page(7, "104231202005001234");
    submitted(&app, ALICE, "920", vec![("diploma", jpeg(&diploma, 90))]).await;
    // Bob hands in a new photograph of the same paper, in the other exam.
    submitted(&app, BOB, "921", vec![("diploma", jpeg(&rephotographed(&diploma), 70))]).await;
    // Carol's diploma is another document.
    submitted(&app, CAROL, "920", vec![("diploma", jpeg(&document_page(8, None), 90))]).await;
    // Erin's is a classmate's: printed on the same template, another number. The hash alone
    // joins it with Alice's; their numbers tell them apart.
    let classmates = jpeg(&certificate_page(7, "104231202005001299"), 90);
    let hash = |bytes: &[u8]| document_hash(&image::load_from_memory(bytes).unwrap());
    assert!(same_document(&hash(&jpeg(&diploma, 90)), &hash(&classmates)).is_some(), "the hash must join them");
    submitted(&app, &resident_id(5), "920", vec![("diploma", classmates)]).await;

    let admin = app.admin().await;
    let alice_application = alice_in(&admin).await;
    let bob_application = admin.first_waiting("921").await;
    let others: Vec<i64> =
        waiting_in_order(&admin, "920").await.into_iter().filter(|a| *a != alice_application).collect();
    let [carol_application, erin_application] = others[..] else { panic!("{others:?}") };
    // A pair is found when the second of its pictures is looked at: every picture first.
    for application in [alice_application, bob_application, carol_application, erin_application] {
        sheet_when_looked_at(&admin, application).await;
    }
    let sheet = admin.sheet(alice_application).await;
    let alike = findings(&sheet, "diploma", 1)["alike"].clone();
    assert_eq!(alike.as_array().unwrap().len(), 1, "{alike}");
    let other = &alike[0]["other"];
    assert_eq!(other["application_id"], json!(bob_application));
    assert_eq!(other["exam_code"], json!("921"));
    assert_eq!(other["name_start"], json!("考…"), "the family name only");
    assert_eq!(alike[0]["numbers"], json!({ "Same": "104231202005001234" }), "both numbers read, and alike");
    assert_eq!(alike[0]["same_file"], json!(false), "a new photograph of the paper, not the same file");
    let bob_picture = other["file_url"].as_str().unwrap().to_string();
    assert_eq!(admin.get(&bob_picture).await.status(), 200, "the administrator may see Bob's picture");
    // Bob's screen names Alice's picture the same way.
    let bob_sheet = sheet_when_looked_at(&admin, bob_application).await;
    assert_eq!(findings(&bob_sheet, "diploma", 1)["alike"][0]["other"]["application_id"], json!(alice_application));

    // A reviewer of exam 920 only learns that such a picture exists: nothing of Bob's.
    let reviewer = app.new_reviewer(DAVE, &["920"]).await;
    let sheet = sheet_when_looked_at(&reviewer, alice_application).await;
    let alike = findings(&sheet, "diploma", 1)["alike"].clone();
    assert_eq!(
        alike,
        json!([{ "distance": alike[0]["distance"], "same_file": false, "numbers": { "Same": "104231202005001234" }, "other": null }]),
        "the fact alone, and her own number"
    );
    let bob_material = bob_picture.trim_start_matches("/api/materials/").trim_end_matches("/file");
    assert!(!sheet.to_string().contains(bob_material), "nothing names Bob's picture");
    assert_eq!(reviewer.get(&bob_picture).await.status(), 404);

    // Carol's other document matches nobody's, nor does Erin's certificate, whose number differs.
    for application in [carol_application, erin_application] {
        let sheet = sheet_when_looked_at(&admin, application).await;
        assert_eq!(findings(&sheet, "diploma", 1)["alike"], json!([]), "application {application}");
    }

    // The administrators' report lists the pair once, from either exam; reviewers have none.
    for exam in ["920", "921"] {
        let report: Value =
            admin.call("admin_similar_pictures", json!({ "exam_code": exam })).await.json().await.unwrap();
        let report = report.as_array().unwrap_or_else(|| panic!("no report: {report}"));
        assert_eq!(report.len(), 1, "{report:?}");
        let sides: Vec<&Value> = vec![&report[0]["one"]["application_id"], &report[0]["other"]["application_id"]];
        assert!(sides.contains(&&json!(alice_application)) && sides.contains(&&json!(bob_application)), "{report:?}");
        for side in ["one", "other"] {
            assert_eq!(report[0][side]["number"], json!("104231202005001234"), "what each picture's number read as");
            assert_eq!(report[0][side]["category_zh"], json!("学历证书"), "the category by its name");
            assert_eq!(report[0][side]["category_en"], json!("Diploma"));
        }
    }
    assert_eq!(reviewer.call("admin_similar_pictures", json!({ "exam_code": "920" })).await.status(), 403);
}

#[tokio::test]
async fn one_file_handed_in_by_two_people_is_said_to_be_the_very_same_file() {
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "928")).await;
    let file = jpeg(&document_page(12, None), 90);
    submitted(&app, ALICE, "928", vec![("diploma", file.clone())]).await;
    submitted(&app, BOB, "928", vec![("diploma", file)]).await;
    let admin = app.admin().await;
    let [alice, bob] = waiting_in_order(&admin, "928").await[..] else { panic!("two applications") };
    // A pair is found when the second of its pictures is looked at: both first.
    for application in [alice, bob] {
        sheet_when_looked_at(&admin, application).await;
    }
    for (application, other) in [(alice, bob), (bob, alice)] {
        let sheet = admin.sheet(application).await;
        let alike = &findings(&sheet, "diploma", 1)["alike"][0];
        assert_eq!(alike["other"]["application_id"], json!(other), "{sheet}");
        assert_eq!(alike["same_file"], json!(true), "byte for byte");
    }
    // Said without a decode for their layouts: the very same file needs no look to be one.
    for id_number in [ALICE, BOB] {
        assert_eq!(kept_page_marks(&app, &first_picture_of(&app, id_number).await).await, None, "{id_number}");
    }
}

/// The page marks kept of the picture stored under `blob_key`, if any (`kept_page_marks`).
async fn kept_page_marks(app: &TestApp, blob_key: &str) -> Option<Vec<u8>> {
    use app::ssr::entities::picture_page_marks;
    use sea_orm::EntityTrait;
    let kept = picture_page_marks::Entity::find_by_id(blob_key.to_string()).one(&app.state.db).await.unwrap();
    kept.map(|row| row.marks)
}

/// Alice's application in exam 920 (she handed in first).
async fn alice_in(staff: &Browser) -> i64 {
    let page: Value = staff.queue("920", json!("awaiting"), Value::Null).await.json().await.unwrap();
    page["rows"].as_array().unwrap().iter().map(|r| r["application_id"].as_i64().unwrap()).min().unwrap()
}

async fn other_than(staff: &Browser, exam: &str, application: i64) -> i64 {
    let page: Value = staff.queue(exam, json!("awaiting"), Value::Null).await.json().await.unwrap();
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["application_id"].as_i64().unwrap())
        .find(|id| *id != application)
        .unwrap()
}

/// An exam whose ID card category's first picture is the card's front.
fn card_exam(app: &TestApp) -> String {
    let card = "\n[[categories]]\ncode = \"card\"\nname_zh = \"身份证\"\nname_en = \"ID card\"";
    open_exam(app, "922", "id_card_front = \"card\"", &format!("{card}{REPORT_AND_DIPLOMA}"))
}

#[tokio::test]
async fn the_number_on_the_id_card_is_read_and_compared_with_the_account() {
    let app = spawn_app().await;
    app.add_exam(&card_exam(&app)).await;
    let card = |number: &str, smeared: bool| ("card", jpeg(&id_card_scan(number, smeared), 92));
    // Alice's card is her own; Bob's card is Carol's (a valid number, not his).
    submitted(&app, ALICE, "922", vec![card(ALICE, false), card(BOB, false)]).await;
    submitted(&app, BOB, "922", vec![card(CAROL, false)]).await;
    // Carol's number is smeared; Dave's card prints a number whose check digit is wrong.
    submitted(&app, CAROL, "922", vec![card(CAROL, true)]).await;
    let misprinted = format!("{}{}", &DAVE[..17], if DAVE.ends_with('1') { '2' } else { '1' });
    submitted(&app, DAVE, "922", vec![card(&misprinted, false)]).await;

    let admin = app.admin().await;
    let [alice, bob, carol, dave] = waiting_in_order(&admin, "922").await[..] else { panic!("four applications") };
    let read = |sheet: &Value, seq_no| findings(sheet, "card", seq_no)["id_number"].clone();
    let alice_sheet = sheet_when_looked_at(&admin, alice).await;
    assert_eq!(read(&alice_sheet, 1), json!("Matches"));
    assert_eq!(read(&alice_sheet, 2), Value::Null, "only the first picture is the card's front");
    assert_eq!(read(&sheet_when_looked_at(&admin, bob).await, 1), json!({ "Differs": { "read": CAROL } }));
    assert_eq!(read(&sheet_when_looked_at(&admin, carol).await, 1), json!("Unreadable"));
    assert_eq!(
        read(&sheet_when_looked_at(&admin, dave).await, 1),
        json!("Unreadable"),
        "a wrong check digit is never 'differs'"
    );

    assert_eq!(with_finding(&admin, "922", "IdNumberDiffers").await, [bob]);
}

/// An exam whose 身份证明 has seed 003's three slots: the front and the card held in hand show the
/// number (`id_card = true`), the back does not.
fn held_card_exam(app: &TestApp) -> String {
    let proof = r#"
[[categories]]
code = "id_proof"
name_zh = "身份证明"
name_en = "Proof of identity"
slots = [
    { name_zh = "正面", name_en = "Front", id_card = true },
    { name_zh = "反面", name_en = "Back" },
    { name_zh = "本人手持身份证内容一面照片", name_en = "Holding the card", id_card = true },
]
[categories.rules]
max_bytes = 8388608
"#;
    open_exam(app, "924", "", proof)
}

#[tokio::test]
async fn the_number_on_a_card_held_in_hand_is_read_as_on_the_card_alone() {
    let app = spawn_app().await;
    app.add_exam(&held_card_exam(&app)).await;
    let proof = |front: &str, held: &str| {
        vec![
            ("id_proof", jpeg(&id_card_scan(front, false), 92)),
            ("id_proof", jpeg(&white_page(120, 60), 85)),
            ("id_proof", jpeg(&held_id_card(held), 85)),
        ]
    };
    // Alice holds her own card; Bob's front is his, and the card he holds is Carol's.
    submitted(&app, ALICE, "924", proof(ALICE, ALICE)).await;
    submitted(&app, BOB, "924", proof(BOB, CAROL)).await;

    let admin = app.admin().await;
    let [alice, bob] = waiting_in_order(&admin, "924").await[..] else { panic!("two applications") };
    let read = |sheet: &Value, seq_no| findings(sheet, "id_proof", seq_no)["id_number"].clone();
    let alice_sheet = sheet_when_looked_at(&admin, alice).await;
    assert_eq!(read(&alice_sheet, 1), json!("Matches"));
    assert_eq!(read(&alice_sheet, 2), Value::Null, "the back shows no number");
    assert_eq!(read(&alice_sheet, 3), json!("Matches"), "the card held in hand");
    let bob_sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(read(&bob_sheet, 1), json!("Matches"));
    assert_eq!(read(&bob_sheet, 3), json!({ "Differs": { "read": CAROL } }));
}

/// An exam whose 备案表 prints its holder's 证件号码 (`holder_id_number`), and a diploma that does not.
fn record_exam(app: &TestApp) -> String {
    let categories = REPORT_AND_DIPLOMA.replacen("qr = \"required\"", "qr = \"required\"\nholder_id_number = true", 1);
    open_exam(app, "923", "", &categories)
}

#[tokio::test]
async fn the_holders_number_on_a_record_is_compared_with_the_account_and_another_persons_record_is_said_so() {
    let app = spawn_app().await;
    app.add_exam(&record_exam(&app)).await;
    let record = |holder: &str, smeared: bool| {
        let holder = RecordHolder {
            name: "王小明",
            id_number: holder,
            certificate_number: "104231201205001234",
            verification_ends: "2027年05月20日",
        };
        ("report", jpeg(&xuexin_record(&holder, XUEXIN, smeared), 90))
    };
    // Alice hands in her own record; Bob hands in Carol's (QR code and all: only the number says
    // whose it is); Carol's own record has its number smeared.
    submitted(&app, ALICE, "923", vec![record(ALICE, false), ("diploma", jpeg(&document_page(3, None), 85))]).await;
    submitted(&app, BOB, "923", vec![record(CAROL, false)]).await;
    submitted(&app, CAROL, "923", vec![record(CAROL, true)]).await;

    let admin = app.admin().await;
    let [alice, bob, carol] = waiting_in_order(&admin, "923").await[..] else { panic!("three applications") };
    let alice_sheet = sheet_when_looked_at(&admin, alice).await;
    assert_eq!(findings(&alice_sheet, "report", 1)["id_number"], json!("Matches"));
    assert_eq!(
        findings(&alice_sheet, "diploma", 2)["id_number"],
        Value::Null,
        "a diploma prints no holder's number here"
    );
    let bob_sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(findings(&bob_sheet, "report", 1)["id_number"], json!({ "Differs": { "read": CAROL } }));
    assert_eq!(findings(&bob_sheet, "report", 1)["qr"]["Read"]["text"], json!(XUEXIN), "its code is read as before");
    // The 证书编号's 18 digits are no ID number: with the holder's smeared, nothing is said to differ.
    let carol_sheet = sheet_when_looked_at(&admin, carol).await;
    assert_eq!(findings(&carol_sheet, "report", 1)["id_number"], json!("Unreadable"));

    assert_eq!(with_finding(&admin, "923", "IdNumberDiffers").await, [bob]);
}

#[tokio::test]
async fn a_card_number_tesseract_did_not_finish_is_read_again_later_and_never_called_unreadable() {
    let (app, broken, _folder) = site_with_broken_tesseract().await;
    app.add_exam(&card_exam(&app)).await;
    submitted(&app, ALICE, "922", vec![("card", jpeg(&id_card_scan(ALICE, false), 92))]).await;
    let admin = app.admin().await;
    let alice = admin.first_waiting("922").await;
    let read = |sheet: &Value| findings(sheet, "card", 1)["id_number"].clone();
    let checked = |rows: Value| rows["rows"][0]["looked_at"].clone();
    assert_eq!(read(&sheet_when_looked_at(&admin, alice).await), json!("Unfinished"), "not 'could not be read'");
    let rows = || async { admin.queue("922", json!("awaiting"), Value::Null).await.json::<Value>().await.unwrap() };
    assert_eq!(checked(rows().await), json!(false), "the queue does not call the card checked");

    // Mended: the number is read again once its wait is over, not before.
    std::fs::remove_file(&broken).unwrap();
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(read(&admin.sheet(alice).await), json!("Unfinished"));
    app.clock.set(app.clock_now() + chrono::Duration::minutes(11));
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(read(&admin.sheet(alice).await), json!("Matches"));
    assert_eq!(checked(rows().await), json!(true));
}

#[tokio::test]
async fn a_certificate_number_tesseract_did_not_finish_is_not_kept_as_unread_and_is_read_when_next_compared() {
    let Classmates { app, broken, admin, alice, erin, _folder } = classmates_compared_while_tesseract_fails().await;
    // Nothing is known of either number: the pair stays for the eye, and says no number was read.
    let alices_sheet = admin.sheet(alice).await;
    assert_eq!(alike_applications(&alices_sheet), [json!(erin)]);
    assert_eq!(findings(&alices_sheet, "diploma", 1)["alike"][0]["numbers"], Value::Null);

    // Mended; Bob hands in a photograph of Alice's paper. Comparing his, the assistant reads
    // Alice's number too (it was not kept as unread): one paper, and Erin's is another.
    std::fs::remove_file(&broken).unwrap();
    let alices = certificate_page(7, ALICES_NUMBER);
    submitted(&app, BOB, "929", vec![("diploma", jpeg(&rephotographed(&alices), 70))]).await;
    let bob = *waiting_in_order(&admin, "929").await.last().unwrap();
    let bobs_sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(alike_applications(&bobs_sheet), [json!(alice)]);
    assert_eq!(findings(&bobs_sheet, "diploma", 1)["alike"][0]["numbers"], json!({ "Same": ALICES_NUMBER }));
}

#[tokio::test]
async fn a_pair_kept_for_want_of_a_reading_is_compared_again_once_the_reading_finishes() {
    let Classmates { app, broken, admin, alice, erin, _folder } = classmates_compared_while_tesseract_fails().await;
    assert_eq!(alike_applications(&admin.sheet(alice).await), [json!(erin)], "kept: nothing is known of the numbers");

    // Mended, and no other picture joins them: once the readings are due again, the two numbers
    // read and part the pair, on both screens.
    std::fs::remove_file(&broken).unwrap();
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(alike_applications(&admin.sheet(alice).await), [json!(erin)], "not before the wait is over");
    app.clock.set(app.clock_now() + chrono::Duration::minutes(11));
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    assert_eq!(alike_applications(&admin.sheet(alice).await), Vec::<Value>::new());
    assert_eq!(alike_applications(&admin.sheet(erin).await), Vec::<Value>::new());
}

/// Alice's 证书编号 in the tests of a failing tesseract.
const ALICES_NUMBER: &str = "104231202005001234";

/// A server whose tesseract fails, exam 929, and Alice's certificate and Erin's (a classmate's on
/// the same template, which the hash joins) handed in and looked at.
struct Classmates {
    app: TestApp,
    /// Removing it mends tesseract.
    broken: std::path::PathBuf,
    admin: Browser,
    alice: i64,
    erin: i64,
    /// Holds the failing tesseract for the test's length.
    _folder: tempfile::TempDir,
}

async fn classmates_compared_while_tesseract_fails() -> Classmates {
    let (app, broken, folder) = site_with_broken_tesseract().await;
    app.add_exam(&exam(&app, "929")).await;
    submitted(&app, ALICE, "929", vec![("diploma", jpeg(&certificate_page(7, ALICES_NUMBER), 90))]).await;
    let erins = jpeg(&certificate_page(7, "104231202005001299"), 90);
    submitted(&app, &resident_id(5), "929", vec![("diploma", erins)]).await;
    let admin = app.admin().await;
    let [alice, erin] = waiting_in_order(&admin, "929").await[..] else { panic!("two applications") };
    for application in [alice, erin] {
        sheet_when_looked_at(&admin, application).await;
    }
    Classmates { app, broken, admin, alice, erin, _folder: folder }
}

/// A site whose tesseract fails until the returned file is removed ([`broken_tesseract`]), and the
/// folder holding both, to keep for the test's length.
pub(crate) async fn site_with_broken_tesseract() -> (TestApp, std::path::PathBuf, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let (tesseract, broken) = broken_tesseract(folder.path());
    let app = spawn_app_with(move |config| config.tesseract = tesseract).await;
    (app, broken, folder)
}

/// A tesseract that fails while the file it returns exists, as one whose language file an upgrade
/// broke (removing the file mends it): the path to configure, and the file.
fn broken_tesseract(folder: &std::path::Path) -> (String, std::path::PathBuf) {
    let (wrapper, broken) = (folder.join("tesseract"), folder.join("broken"));
    let script = format!("#!/bin/sh\n[ -e '{}' ] && exit 1\nexec tesseract \"$@\"\n", broken.display());
    std::fs::write(&wrapper, script).unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(&broken, "").unwrap();
    (wrapper.to_string_lossy().into_owned(), broken)
}

/// An exam's waiting applications, first handed in first.
pub(crate) async fn waiting_in_order(staff: &Browser, exam: &str) -> Vec<i64> {
    let page: Value = staff.queue(exam, json!("awaiting"), Value::Null).await.json().await.unwrap();
    page["rows"].as_array().unwrap().iter().map(|r| r["application_id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_review_screen_says_whether_the_candidate_was_shown_the_looks_advice_about_that_very_file() {
    use sha2::Digest as _;
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "923")).await;
    let sha256 = |bytes: &[u8]| sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let blank_page =
        |shade: u8| jpeg(&image::RgbImage::from_pixel(900, 1200, image::Rgb([shade, shade, shade - 4])), 90);
    let (alices, carols) = (blank_page(250), blank_page(244));
    let nearly_blank = json!(["page_nearly_blank"]);

    // Alice's browser showed her the advice about this file, and she sent it anyway.
    let alice = app.new_candidate(ALICE).await;
    let told = alice.call("advice_shown", json!({ "sha256": sha256(&alices), "codes": nearly_blank })).await;
    assert!(told.status().is_success(), "{}", told.text().await.unwrap());
    // Carol's browser reports advice about Alice's bytes, never about her own file.
    let carol = app.new_candidate(CAROL).await;
    carol.call("advice_shown", json!({ "sha256": sha256(&alices), "codes": nearly_blank })).await;
    // What is not a SHA-256, or not looks advice, is refused.
    for (sha, codes) in [("not-a-digest", nearly_blank.clone()), (&sha256(&carols)[..], json!(["too_large"]))] {
        let refused = carol.call("advice_shown", json!({ "sha256": sha, "codes": codes })).await;
        assert_eq!(refused.status(), 400, "{sha} {codes}");
    }
    hand_in(&alice, "923", vec![("diploma", alices)]).await;
    hand_in(&carol, "923", vec![("diploma", carols)]).await;

    let admin = app.admin().await;
    let [alice_application, carol_application] = waiting_in_order(&admin, "923").await[..] else { panic!() };
    let alice_sheet = sheet_when_looked_at(&admin, alice_application).await;
    assert_eq!(findings(&alice_sheet, "diploma", 1)["looks"], nearly_blank);
    assert_eq!(findings(&alice_sheet, "diploma", 1)["looks_shown_to_candidate"], json!(true));
    let carol_sheet = sheet_when_looked_at(&admin, carol_application).await;
    assert_eq!(findings(&carol_sheet, "diploma", 1)["looks"], nearly_blank);
    assert_eq!(findings(&carol_sheet, "diploma", 1)["looks_shown_to_candidate"], json!(false));
}

/// An exam whose one category is an ID photo (its face looked for, the published frame).
const ID_PHOTO: &str = r#"
[[categories]]
code = "id_photo"
name_zh = "证件照"
name_en = "ID photo"
picture = "portrait"
"#;

/// The exams' example ID photo (a real face, `scripts/draw_portraits.py`) scaled to `height` and
/// laid on a grey wall of `size` at `left`, `top`.
fn photo_on_a_wall(size: (u32, u32), left: i64, top: i64, height: u32) -> Vec<u8> {
    let photo = image::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../exams/examples/id-photo-white.jpg")).unwrap();
    let mut wall = image::RgbImage::from_pixel(size.0, size.1, image::Rgb([236, 234, 228]));
    image::imageops::overlay(
        &mut wall,
        &photo.resize(u32::MAX, height, image::imageops::FilterType::Triangle).to_rgb8(),
        left,
        top,
    );
    jpeg(&wall, 88)
}

#[tokio::test]
async fn the_face_in_an_id_photo_is_looked_at_as_the_candidates_browser_does() {
    let app = spawn_app().await;
    app.add_exam(&open_exam(&app, "931", "", ID_PHOTO)).await;
    let well_framed =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../exams/examples/id-photo-white.jpg")).unwrap();
    // A selfie: the head a quarter of the height, up and to the left.
    let selfie = photo_on_a_wall((1200, 1600), 120, 200, 520);
    let alice = submitted(&app, ALICE, "931", vec![("id_photo", well_framed)]).await;
    let carol = submitted(&app, CAROL, "931", vec![("id_photo", selfie)]).await;
    drop((alice, carol));

    let admin = app.admin().await;
    let [alice_application, carol_application] = waiting_in_order(&admin, "931").await[..] else { panic!() };
    let alice_sheet = sheet_when_looked_at(&admin, alice_application).await;
    assert_eq!(findings(&alice_sheet, "id_photo", 1)["looks"], json!([]), "{alice_sheet}");
    let carol_sheet = sheet_when_looked_at(&admin, carol_application).await;
    assert_eq!(
        findings(&carol_sheet, "id_photo", 1)["looks"],
        json!(["head_too_small", "eyes_too_high", "face_off_centre"]),
        "{carol_sheet}"
    );
    // The numbers behind those words, beside the exam's frame, for the reviewer to read.
    let share = |sheet: &Value, what: &str| findings(sheet, "id_photo", 1)["face"]["place"][what].as_f64().unwrap();
    assert!((0.67..=0.90).contains(&share(&alice_sheet, "head_share")), "{alice_sheet}");
    assert!((0.30..=0.50).contains(&share(&alice_sheet, "eye_line")), "{alice_sheet}");
    assert!((0.15..=0.35).contains(&share(&carol_sheet, "head_share")), "a quarter of the height: {carol_sheet}");
    assert!(share(&carol_sheet, "off_centre") < -0.10, "to the left: {carol_sheet}");
    assert_eq!(findings(&carol_sheet, "id_photo", 1)["face"]["frame"]["head_share"], json!([67, 90]));
}

#[tokio::test]
async fn unrelated_pages_the_hash_joins_by_chance_are_distinguished_by_their_layout() {
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "924")).await;
    let (alices, bobs) = (white_page(200, 60), white_page(240, 95));
    let hash = |page: &image::RgbImage| document_hash(&image::load_from_memory(&jpeg(page, 90)).unwrap());
    assert!(same_document(&hash(&alices), &hash(&bobs)).is_some(), "the hash must join them");
    submitted(&app, ALICE, "924", vec![("diploma", jpeg(&alices, 90))]).await;
    submitted(&app, BOB, "924", vec![("diploma", jpeg(&bobs, 90))]).await;
    // Carol hands in a photograph of Alice's very page: one layout, a copy.
    submitted(&app, CAROL, "924", vec![("diploma", jpeg(&rephotographed(&alices), 70))]).await;

    let admin = app.admin().await;
    let [alice, bob, carol] = waiting_in_order(&admin, "924").await[..] else { panic!("three applications") };
    for application in [alice, bob, carol] {
        sheet_when_looked_at(&admin, application).await;
    }
    assert_eq!(alike_applications(&admin.sheet(alice).await), [json!(carol)], "Carol's copy, not Bob's page");
    assert_eq!(alike_applications(&admin.sheet(bob).await), Vec::<Value>::new(), "Bob's page is another document");
    assert_eq!(alike_applications(&admin.sheet(carol).await), [json!(alice)]);
    // Each page's marks were taken once and kept, for whichever page it meets next.
    for id_number in [ALICE, BOB, CAROL] {
        let marks = kept_page_marks(&app, &first_picture_of(&app, id_number).await).await;
        let marks = marks.unwrap_or_else(|| panic!("{id_number}'s page marks kept"));
        assert!(picture_checks::page_layout::PageMarks::from_stored(&marks).is_some(), "{id_number}'s marks read back");
    }
    // And they go with what was found in the picture, when it is deleted.
    let bobs = first_picture_of(&app, BOB).await;
    app::ssr::assistant::picture_assistant::forget(&app.state.db, std::slice::from_ref(&bobs)).await.unwrap();
    assert_eq!(kept_page_marks(&app, &bobs).await, None);
}

#[tokio::test]
async fn a_picture_is_looked_at_only_once_compared_and_a_comparison_cut_short_is_taken_up_again() {
    use app::ssr::entities::{picture_finding, similar_picture};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "925")).await;
    let page = document_page(11, None);
    submitted(&app, ALICE, "925", vec![("diploma", jpeg(&page, 90))]).await;
    submitted(&app, BOB, "925", vec![("diploma", jpeg(&rephotographed(&page), 70))]).await;
    let admin = app.admin().await;
    let [alice, bob] = waiting_in_order(&admin, "925").await[..] else { panic!("two applications") };
    for application in [alice, bob] {
        sheet_when_looked_at(&admin, application).await;
    }
    assert_eq!(findings(&admin.sheet(bob).await, "diploma", 1)["alike"][0]["other"]["application_id"], json!(alice));

    // The server stopped while it compared Bob's picture: its finding was stored, its pairs not.
    let db = &app.state.db;
    let bob_finding = picture_finding::Entity::find()
        .filter(picture_finding::Column::BlobKey.eq(first_picture_of(&app, BOB).await))
        .one(db)
        .await
        .unwrap();
    similar_picture::Entity::delete_many().exec(db).await.unwrap();
    picture_finding::Entity::update_many()
        .filter(picture_finding::Column::Id.eq(bob_finding.unwrap().id))
        .set(picture_finding::ActiveModel { compared_at: Set(None), ..Default::default() })
        .exec(db)
        .await
        .unwrap();
    // Until it is compared, the review screen does not call it looked at: no finding, and the queue's row
    // says "checking", so an application missing a 相似 never looks finished.
    assert_eq!(findings(&admin.sheet(bob).await, "diploma", 1), Value::Null);
    let rows: Value = admin.queue("925", json!("awaiting"), Value::Null).await.json().await.unwrap();
    let bob_row = rows["rows"].as_array().unwrap().iter().find(|r| r["application_id"] == json!(bob)).cloned();
    assert_eq!(bob_row.unwrap()["looked_at"], json!(false));

    // Left unfinished a while, the comparison is taken up again.
    app.clock.set(app.clock_now() + chrono::Duration::minutes(11));
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    let sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(findings(&sheet, "diploma", 1)["alike"][0]["other"]["application_id"], json!(alice));
    assert_eq!(findings(&admin.sheet(alice).await, "diploma", 1)["alike"][0]["other"]["application_id"], json!(bob));
}

#[tokio::test]
async fn where_only_one_number_reads_the_read_line_laid_on_the_other_tells_a_copy_from_a_classmates() {
    let app = spawn_app().await;
    let number = "104231202005001234";
    // Alice photographs her certificate from afar and out of focus: the number's line is found,
    // and tesseract cannot read it.
    let (admin, alice) = alices_certificate_looked_at(&app, from_afar_out_of_focus(&certificate_page(7, number))).await;
    // Bob photographs Alice's very paper, for another exam; Erin hands in a classmate's
    // certificate, another number.
    submitted(&app, BOB, "927", vec![("diploma", jpeg(&rephotographed(&certificate_page(7, number)), 80))]).await;
    submitted(&app, &resident_id(5), "926", vec![("diploma", jpeg(&certificate_page(7, "104231202005001299"), 90))])
        .await;
    let [_, erin] = waiting_in_order(&admin, "926").await[..] else { panic!("two applications") };
    let bob = admin.first_waiting("927").await;
    for application in [bob, erin] {
        sheet_when_looked_at(&admin, application).await;
    }
    let alices_sheet = admin.sheet(alice).await;
    assert_eq!(alike_applications(&alices_sheet), [json!(bob)], "the copy stays 相似, the classmate's does not");
    assert_eq!(alike_applications(&admin.sheet(erin).await), Vec::<Value>::new());
    // What is left for the eye: her number did not read, Bob's did.
    let numbers = |sheet: &Value| findings(sheet, "diploma", 1)["alike"][0]["numbers"].clone();
    assert_eq!(numbers(&alices_sheet), json!({ "OnlyOther": number }));
    assert_eq!(numbers(&admin.sheet(bob).await), json!({ "OnlyThis": number }));
    // A reviewer who may not review Bob's application is not told his number.
    let reviewer = app.new_reviewer(DAVE, &["926"]).await;
    let sheet = sheet_when_looked_at(&reviewer, alice).await;
    assert_eq!(findings(&sheet, "diploma", 1)["alike"][0]["other"], Value::Null);
    assert_eq!(numbers(&sheet), json!({ "OnlyOther": null }));
    assert!(!sheet.to_string().contains(number), "nothing of Bob's number");
}

#[tokio::test]
async fn a_copy_whose_blurred_number_was_not_found_is_not_distinguished_by_laying_the_number_on_other_print() {
    let app = spawn_app().await;
    let number = "104231202005001234";
    let alices = jpeg(&image::imageops::blur(&certificate_page(7, number), 2.5), 85);
    let (admin, alice) = alices_certificate_looked_at(&app, alices).await;
    // Bob photographs her very paper out of focus and grainy: its number does not read, and
    // where the number's line should be found, a line of the page's other print is. Her number
    // laid on that line fits its band of ink and not the gaps between its words.
    let bobs = grainy(&image::imageops::blur(&rephotographed(&certificate_page(7, number)), 2.4), 25);
    submitted(&app, BOB, "927", vec![("diploma", jpeg(&bobs, 85))]).await;
    let bob = admin.first_waiting("927").await;
    let bobs_sheet = sheet_when_looked_at(&admin, bob).await;
    assert_eq!(alike_applications(&bobs_sheet), [json!(alice)], "still 相似: nothing told the copy apart");
    let numbers = findings(&bobs_sheet, "diploma", 1)["alike"][0]["numbers"].clone();
    assert_eq!(numbers, json!({ "OnlyOther": number }), "hers read, his not: for the eye");
}

#[tokio::test]
async fn where_neither_number_reads_the_two_blurred_lines_laid_on_each_other_tell_a_copy_from_a_classmates() {
    use app::ssr::entities::{picture_finding, similar_picture};
    use sea_orm::{EntityTrait, Set};
    let app = spawn_app().await;
    app.add_exam(&exam(&app, "926")).await;
    app.add_exam(&exam(&app, "927")).await;
    let number = "104231202005001234";
    // Alice photographs her certificate out of focus; Bob, for another exam, her very paper, a
    // little less blurred; Erin a classmate's certificate (the last four digits differ).
    submitted(&app, ALICE, "926", vec![("diploma", out_of_focus(&certificate_page(7, number), 6.0))]).await;
    submitted(&app, BOB, "927", vec![("diploma", out_of_focus(&rephotographed(&certificate_page(7, number)), 4.8))])
        .await;
    let erins = certificate_page(7, "104231202005005678");
    submitted(&app, &resident_id(5), "926", vec![("diploma", out_of_focus(&erins, 6.0))]).await;
    let admin = app.admin().await;
    let [alice, erin] = waiting_in_order(&admin, "926").await[..] else { panic!("two applications") };
    let bob = admin.first_waiting("927").await;
    for application in [alice, bob, erin] {
        sheet_when_looked_at(&admin, application).await;
    }
    // Every number is taken as one tesseract could not read (on the drawn certificates the blur
    // that stops tesseract also loses the number's line; on the bench's photographs it does not),
    // and the pictures are compared again, as after a restart.
    let db = &app.state.db;
    similar_picture::Entity::delete_many().exec(db).await.unwrap();
    picture_finding::Entity::update_many()
        .set(picture_finding::ActiveModel {
            document_number_read_at: Set(Some(app.clock_now())),
            document_number: Set(None),
            compared_at: Set(None),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap();
    app.clock.set(app.clock_now() + chrono::Duration::minutes(11));
    app::ssr::assistant::picture_assistant::look_at_waiting(&app.state).await.unwrap();
    for application in [alice, bob, erin] {
        sheet_when_looked_at(&admin, application).await;
    }
    let alices_sheet = admin.sheet(alice).await;
    assert_eq!(alike_applications(&alices_sheet), [json!(bob)], "the copy stays 相似, the classmate's does not");
    assert_eq!(alike_applications(&admin.sheet(bob).await), [json!(alice)]);
    assert_eq!(alike_applications(&admin.sheet(erin).await), Vec::<Value>::new());
    assert_eq!(findings(&alices_sheet, "diploma", 1)["alike"][0]["numbers"], json!("Neither"), "left for the eye");
}

/// A page photographed out of focus as the bench's blurred photos are: large (the page at 2.4
/// times), blurred by `sigma` px, grainy, JPEG 60.
fn out_of_focus(page: &image::RgbImage, sigma: f32) -> Vec<u8> {
    let (w, h) = (page.width() * 12 / 5, page.height() * 12 / 5);
    let large = image::imageops::resize(page, w, h, image::imageops::FilterType::Triangle);
    jpeg(&grainy(&image::imageops::blur(&large, sigma), 10), 60)
}

/// The page photographed from a step back (two thirds of its size in a 1600 × 1200 frame), out of
/// focus (σ 2 px), grainy, at JPEG 60. On the drawn certificates this is where the number's line is
/// still found and tesseract no longer reads it: closer or sharper reads, more blur loses the line
/// or no longer parts two numbers.
fn from_afar_out_of_focus(page: &image::RgbImage) -> Vec<u8> {
    let (w, h) = (page.width() * 2 / 3, page.height() * 2 / 3);
    let small = image::imageops::resize(page, w, h, image::imageops::FilterType::Triangle);
    let mut frame = image::RgbImage::from_pixel(1600, 1200, image::Rgb([70, 58, 48]));
    image::imageops::replace(&mut frame, &small, 400, 100);
    jpeg(&grainy(&image::imageops::blur(&frame, 2.0), 10), 60)
}

/// Exams 926 and 927, and Alice's picture of her certificate (`picture`, a JPEG) handed in for 926
/// and looked at by the assistant: the administrator, and her application.
async fn alices_certificate_looked_at(app: &TestApp, picture: Vec<u8>) -> (Browser, i64) {
    app.add_exam(&exam(app, "926")).await;
    app.add_exam(&exam(app, "927")).await;
    submitted(app, ALICE, "926", vec![("diploma", picture)]).await;
    let admin = app.admin().await;
    let alice = admin.first_waiting("926").await;
    sheet_when_looked_at(&admin, alice).await;
    (admin, alice)
}

/// The blob key of the first picture the candidate with `id_number` handed in (the server's own
/// name for the file, which no reviewer is shown).
async fn first_picture_of(app: &TestApp, id_number: &str) -> String {
    use app::ssr::entities::{material, user};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let db = &app.state.db;
    let owner = user::Entity::find().filter(user::Column::IdNumber.eq(id_number)).one(db).await.unwrap().unwrap();
    let picture = material::Entity::find()
        .filter(material::Column::UserId.eq(owner.id))
        .order_by_asc(material::Column::CreatedAt)
        .one(db)
        .await
        .unwrap();
    picture.unwrap().blob_key
}

/// The applications whose pictures the review screen names alike with the first diploma on `sheet`.
fn alike_applications(sheet: &Value) -> Vec<Value> {
    let alike = findings(sheet, "diploma", 1)["alike"].as_array().cloned().unwrap_or_default();
    alike.iter().map(|a| a["other"]["application_id"].clone()).collect()
}

/// An ID photo on a plain `backdrop`: a head with eyes and mouth over shoulders, 600 × 800.
fn id_photo_on(backdrop: [u8; 3]) -> Vec<u8> {
    let photo = image::RgbImage::from_fn(600, 800, |x, y| {
        let (dx, dy) = (f64::from(x) - 300.0, f64::from(y) - 300.0);
        let head = dx * dx / 140.0f64.powi(2) + dy * dy / 180.0f64.powi(2) < 1.0;
        let feature = (y / 2 == 130 && dx.abs() > 30.0 && dx.abs() < 70.0) || (y / 2 == 200 && dx.abs() < 50.0);
        let colour = if head && feature {
            [40, 30, 30]
        } else if head {
            [220, 180, 150]
        } else if y > 520 && (f64::from(x) - 300.0).abs() < 280.0 {
            if x % 18 < 2 {
                [10, 10, 40]
            } else {
                [30, 30, 80]
            }
        } else {
            backdrop
        };
        image::Rgb(colour)
    });
    jpeg(&photo, 92)
}

#[tokio::test]
async fn the_assistant_holds_an_id_photo_to_the_backgrounds_its_exam_allows() {
    let app = spawn_app().await;
    // Seed 004's "背景色为均匀白色" and an exam that says nothing (white or blue).
    let photo_category = |backgrounds: &str| {
        format!(
            "[[categories]]\ncode = \"photo\"\nname_zh = \"证件照\"\nname_en = \"ID photo\"\npicture = \"portrait\"\n{backgrounds}\n"
        )
    };
    app.add_exam(&open_exam(&app, "931", "", &photo_category("backgrounds = [\"white\"]"))).await;
    app.add_exam(&open_exam(&app, "932", "", &photo_category(""))).await;
    let on_blue = id_photo_on([67, 142, 219]);
    let alice = submitted(&app, ALICE, "931", vec![("photo", on_blue.clone())]).await;
    hand_in(&alice, "932", vec![("photo", on_blue)]).await;
    let reviewer = app.new_reviewer(DAVE, &["931", "932"]).await;

    let white_only = sheet_when_looked_at(&reviewer, reviewer.first_waiting("931").await).await;
    let either = sheet_when_looked_at(&reviewer, reviewer.first_waiting("932").await).await;
    let looks = |sheet: &Value| findings(sheet, "photo", 1)["looks"].as_array().unwrap().clone();
    assert!(looks(&white_only).contains(&json!("background_not_plain")), "blue where white is asked: {white_only}");
    assert!(!looks(&either).contains(&json!("background_not_plain")), "blue where it is allowed: {either}");
}

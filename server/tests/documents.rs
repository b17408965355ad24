//! Documents read as a person reads them (issue 13): the PDF's text through poppler's `pdftotext`
//! and its fonts through `pdffonts` (Debian's poppler-utils, which the test command installs).
mod support;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support::pdf::poppler;
use support::*;

#[tokio::test]
async fn the_upload_receipt_lists_every_file_with_the_hash_of_what_the_server_stored() {
    let app = spawn_app().await;
    let browser = app.browser();
    // A name with a rare character (堃) and one outside the Basic Multilingual Plane (𠮷).
    assert!(browser.sign_up(ALICE, "𠮷田堃", "secret-pass-1").await.status().is_success());
    assert!(browser.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
        browser.upload_ok(category, seq_no, samples::jpeg(300 + seq_no * 10, 200)).await;
    }
    assert!(browser.save_application("000", json!({}), None, true).await.status().is_success());

    let response = browser.get("/api/exams/000/receipt.pdf").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap().to_vec();

    let text = poppler("pdftotext", &["-layout"], &pdf);
    for expected in ["上传回执", "𠮷田堃", "资格初审材料上传（示例考试）", "身份证", "学历学位材料", "已提交"]
    {
        assert!(text.contains(expected), "{expected} missing from the receipt:\n{text}");
    }
    // Each file's SHA-256 is that of the bytes the server serves back.
    let page: Value = browser.exam_page().await;
    let mut hashes = 0;
    for category in page["categories"].as_array().unwrap() {
        for material in category["materials"].as_array().unwrap() {
            let id = material["id"].as_str().unwrap();
            let stored = browser.get(&format!("/api/materials/{id}/file")).await.bytes().await.unwrap();
            let hash = hex::encode(Sha256::digest(&stored));
            assert!(text.contains(&hash), "{hash} of {id} missing from the receipt:\n{text}");
            hashes += 1;
        }
    }
    assert_eq!(hashes, 4);

    // Every font embedded, and as a subset.
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(name.contains('+'), "not a subset: {row}\n{fonts}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}\n{fonts}");
    }
}

#[tokio::test]
async fn a_receipt_is_only_ever_the_signed_in_candidate_s_own() {
    let app = spawn_app().await;
    let (_alice, _) = app.submitted_candidate(ALICE).await;
    let bob = app.new_candidate(BOB).await;
    // Bob has no application to 000: nothing to print, and nothing of Alice's.
    assert_eq!(bob.get("/api/exams/000/receipt.pdf").await.status(), 404);
    assert_eq!(app.browser().get("/api/exams/000/receipt.pdf").await.status(), 401);
}

/// An exam like seed 004's, small: an ID photo, a personal form with a résumé, a position tree,
/// and a registration form with two boxes to stamp.
const FORM_EXAM: &str = r#"
code = "920"
title_zh = "登记表测试考试"
title_en = "Registration form test"
organiser_zh = "测试招生办公室"
organiser_en = "Test admissions office"
pledge_zh = "本人承诺所填信息真实。"
pledge_en = "I promise the information is true."
[registration_form]
stamp_boxes = [
    { title_zh = "所在单位组织人事部门意见", title_en = "Opinion of the employer's personnel department" },
    { title_zh = "分院审核意见", title_en = "Review by the college" },
]
[windows]
upload_opens = "2020-01-01T09:00:00+08:00"
upload_closes = "2098-06-30T17:00:00+08:00"
review_closes = "2098-07-15T17:00:00+08:00"
results_published = "2098-07-31T09:00:00+08:00"
[[categories]]
code = "id_photo"
name_zh = "个人证件照"
name_en = "ID photo"
picture = "portrait"
[categories.rules]
formats = ["jpeg"]
max_count = 1
required = true
[[form]]
key = "school"
label_zh = "毕业学校"
label_en = "School"
required = true
[[form]]
key = "work_began"
label_zh = "参加工作时间"
label_en = "Began work"
kind = "year_month"
required = true
[[form]]
key = "resume"
label_zh = "工作简历"
label_en = "Work résumé"
kind = "resume"
required = true
starts_at = "work_began"
[[positions]]
code = "dept"
name_zh = "经济管理系"
name_en = "Economics"
[[positions.children]]
code = "mpa"
name_zh = "公共管理硕士"
name_en = "MPA"
requirements_zh = "在职干部，本科以上学历。"
requirements_en = "Serving cadres with a bachelor's degree or above."
"#;

/// A résumé of `periods` half-years from 1980 on, the last 至今.
fn resume(periods: u32) -> String {
    (0..periods)
        .map(|i| {
            let (year, first_half) = (1980 + i / 2, i % 2 == 0);
            let from = if first_half { format!("{year}.1") } else { format!("{year}.7") };
            let to = if i + 1 == periods {
                "至今".to_string()
            } else if first_half {
                format!("-{year}.6")
            } else {
                format!("-{year}.12")
            };
            format!("{from}{to}，第{}街道办事处，科员", i + 1)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// ALICE in exam 920 with an ID photo, the form and `periods` résumé lines, approved and the
/// results published.
async fn approved_in_form_exam(app: &TestApp, periods: u32) -> Browser {
    app.add_exam(FORM_EXAM).await;
    let alice = app.browser();
    assert!(alice.sign_up(ALICE, "𠮷田堃", "secret-pass-1").await.status().is_success());
    assert!(alice.call("accept_pledge", json!({ "code": "920" })).await.status().is_success());
    let photo = alice.upload_to("920", "id_photo", 1, "me.jpg", samples::jpeg(300, 400)).await;
    assert_eq!(photo.status(), 201, "{}", photo.text().await.unwrap());
    let form = json!({ "school": "示例大学", "work_began": "1980-01", "resume": resume(periods) });
    let submitted = alice.save_application("920", form, Some("mpa"), true).await;
    assert!(submitted.status().is_success(), "{}", submitted.text().await.unwrap());
    let reviewer = app.new_reviewer(BOB, &["920"]).await;
    let application = reviewer.first_waiting("920").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    alice
}

#[tokio::test]
async fn the_registration_form_is_one_a4_page_with_the_photo_the_form_the_resume_and_the_stamp_boxes() {
    let app = spawn_app().await;
    let alice = approved_in_form_exam(&app, 6).await;
    let response = alice.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap().to_vec();

    // Typst sets a thin space between Chinese and Latin or digits ("1980 年 1 月"); read without
    // spaces, as the eye does.
    let text: String = poppler("pdftotext", &["-layout"], &pdf).chars().filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "报名登记表",
        "登记表测试考试",
        "𠮷田堃",
        ALICE,
        "示例大学",
        "1980年1月",
        "经济管理系›公共管理硕士",
        "第1街道办事处，科员",
        "第6街道办事处，科员",
        "至今",
        "所在单位组织人事部门意见",
        "分院审核意见",
    ] {
        assert!(text.contains(expected), "{expected} missing from the form:\n{text}");
    }
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "{info}");
    assert!(info.contains("A4") || info.contains("595."), "{info}");
    // The ID photo is in it: one picture, 300 × 400 as uploaded.
    let images = poppler("pdfimages", &["-list"], &pdf);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let columns: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((columns[3], columns[4]), ("300", "400"), "{images}");
}

#[tokio::test]
async fn a_long_resume_is_set_smaller_to_stay_on_one_page_and_one_too_long_is_refused_with_its_count() {
    let app = spawn_app().await;
    let alice = approved_in_form_exam(&app, 30).await;
    let response = alice.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let pdf = response.bytes().await.unwrap().to_vec();
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "30 periods on one page:\n{info}");
    assert!(poppler("pdftotext", &[], &pdf).replace(' ', "").contains("第30街道办事处"));

    let app = spawn_app().await;
    let alice = approved_in_form_exam(&app, 90).await;
    let (status, kind, body) = error_kind(alice.get("/api/exams/920/registration-form.pdf").await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"), "{body}");
    let message = body["InvalidField"]["message_zh"].as_str().unwrap();
    assert!(message.contains("一页 A4") && message.contains("工作简历 90 行"), "{message}");
}

#[tokio::test]
async fn the_registration_form_waits_for_the_published_approval_and_is_only_ever_one_s_own() {
    let app = spawn_app().await;
    let alice = approved_in_form_exam(&app, 2).await;
    // Before the results are published: not yet.
    app.clock.set(at("2098-07-20T00:00:00+08:00"));
    let (status, _, body) = error_kind(alice.get("/api/exams/920/registration-form.pdf").await).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("审核通过并公布结果后才能打印报名登记表"), "{body}");
    // Another candidate (who entered while uploads were open) prints nothing of Alice's; a
    // visitor is asked to sign in; an exam without a registration form has none.
    app.clock.set(at("2090-01-01T00:00:00+08:00"));
    let carol = app.new_candidate(CAROL).await;
    assert!(carol.call("accept_pledge", json!({ "code": "920" })).await.status().is_success());
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let theirs = carol.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(theirs.status(), 422);
    assert!(!theirs.text().await.unwrap().contains("𠮷田堃"));
    assert_eq!(app.browser().get("/api/exams/920/registration-form.pdf").await.status(), 401);
    assert_eq!(alice.get("/api/exams/000/registration-form.pdf").await.status(), 404);
}

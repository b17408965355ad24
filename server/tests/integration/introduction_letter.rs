//! 介绍信和党员关系证明信 (issue 66, seed 004 五.6 and 七.2), read as a person reads it: the PDF's text
//! through poppler, its pages counted, its QR code scanned by zbar and handed to the branch's
//! on-site check, which finds the application and shows what the letter says beside its item.
use crate::support;

use serde_json::{json, Value};
use support::pdf::poppler;
use support::tickets::scan_qr;
use support::*;

/// An exam like seed 004's, small: an ID photo, the form's unit, post and Party date, the letter,
/// and the branch's table with the letter as an issued item.
const LETTER_EXAM: &str = r#"
code = "921"
title_zh = "介绍信测试考试"
title_en = "Letter test"
organiser_zh = "测试招生办公室"
organiser_en = "Test admissions office"
pledge_zh = "本人承诺所填信息真实。"
pledge_en = "I promise the information is true."
[introduction_letter]
addressee_zh = "测试分院招生办公室"
programme_zh = "在职干部研究生"
employer_field = "employer"
post_field = "post_title"
party_joined_field = "party_joined"
[on_site]
[[on_site.items]]
code = "introduction_letter"
name_zh = "介绍信和党员关系证明信"
name_en = "Letter of introduction"
handling = "keep"
required = true
issued = "introduction_letter"
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
key = "employer"
label_zh = "工作单位"
label_en = "Employer"
required = true
[[form]]
key = "post_title"
label_zh = "职务职称"
label_en = "Post and title"
required = true
[[form]]
key = "party_joined"
label_zh = "入党时间"
label_en = "Joined the Party"
kind = "year_month"
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

const LETTER: &str = "/api/exams/921/introduction-letter.pdf";

/// ALICE in exam 921 with `form`, submitted and approved by BOB (returned, for the on-site check); the
/// results are published unless `published` is false.
async fn approved_with(app: &TestApp, form: Value, published: bool) -> (Browser, Browser) {
    app.add_exam(LETTER_EXAM).await;
    let alice = app.browser();
    assert!(alice.sign_up(ALICE, "李明", "secret-pass-1").await.status().is_success());
    assert!(alice.call("accept_pledge", json!({ "code": "921" })).await.status().is_success());
    let photo = alice.upload_to("921", "id_photo", 1, "me.jpg", samples::jpeg(300, 400)).await;
    assert_eq!(photo.status(), 201, "{}", photo.text().await.unwrap());
    let submitted = alice.save_application("921", form, Some("mpa"), true).await;
    assert!(submitted.status().is_success(), "{}", submitted.text().await.unwrap());
    let reviewer = app.new_reviewer(BOB, &["921"]).await;
    let application = reviewer.first_waiting("921").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
    if published {
        app.clock.set(at("2099-01-01T00:00:00+08:00"));
    }
    (alice, reviewer)
}

/// The letter's text without spaces (Typst sets thin ones between Chinese and digits).
fn read(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-layout"], pdf).chars().filter(|c| !c.is_whitespace()).collect()
}

#[tokio::test]
async fn the_letter_is_one_a4_page_filled_from_the_form_and_its_code_finds_the_application_at_the_on_site_check() {
    let app = spawn_app().await;
    let form = json!({ "employer": "示例市示例局", "post_title": "副科长", "party_joined": "2010-07" });
    let (alice, on_site) = approved_with(&app, form, true).await;
    let response = alice.get(LETTER).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("921-introduction-letter.pdf"));
    let pdf = response.bytes().await.unwrap().to_vec();

    let text = read(&pdf);
    for expected in [
        "介绍信",
        "测试分院招生办公室：",
        "李明",
        "性别：女",
        ALICE,
        "现任副科长",
        "在职干部研究生·经济管理系›公共管理硕士",
        "示例市示例局（盖章）",
        "党员关系证明信",
        "系中共党员，于2010年7月加入中国共产党",
        "示例市示例局党组织（盖章）",
    ] {
        assert!(text.contains(expected), "{expected} missing from the letter:\n{text}");
    }
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "{info}");
    assert!(info.contains("A4") || info.contains("595."), "{info}");

    // The registration form's own signed code: the on-site check finds the same application from it, and
    // shows what the letter says beside its item, to tick the stamped paper against.
    let code = scan_qr(&pdf);
    assert!(code.starts_with("ZGR2."), "the letter carries the signed code: {code}");
    let found = on_site.call("on_site_find", json!({ "exam_code": "921", "scanned": code })).await;
    assert_eq!(found.status(), 200, "{}", found.text().await.unwrap());
    let found: Value = found.json().await.unwrap();
    assert_eq!(found["name"], "李明");
    let letter = found["items"].as_array().unwrap().iter().find(|i| i["code"] == "introduction_letter").unwrap();
    assert_eq!(letter["issued"][0], "信中：示例市示例局 · 副科长 · 中共党员（2010年7月入党）");
    assert_eq!(letter["issued"][1], "The letter says: 示例市示例局 · 副科长 · Party member since 2010-07");
}

#[tokio::test]
async fn a_candidate_who_gave_no_party_date_is_said_not_to_be_a_member_and_needs_no_party_stamp() {
    let app = spawn_app().await;
    let (alice, _) = approved_with(&app, json!({ "employer": "示例公司", "post_title": "工程师" }), true).await;
    let response = alice.get(LETTER).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let text = read(&response.bytes().await.unwrap());
    assert!(text.contains("非中共党员，本栏无须党组织盖章"), "{text}");
    assert!(!text.contains("党组织（盖章）"), "{text}");
}

#[tokio::test]
async fn the_letter_waits_for_the_published_approval_and_is_only_ever_one_s_own() {
    let app = spawn_app().await;
    let form = json!({ "employer": "示例市示例局", "post_title": "副科长" });
    let (alice, _) = approved_with(&app, form, false).await;
    let (status, _, body) = error_kind(alice.get(LETTER).await).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("审核通过并公布结果后才能打印介绍信和党员关系证明信"), "{body}");

    // Another candidate prints nothing of Alice's; a visitor is asked to sign in; an exam without
    // a letter has none.
    let carol = app.new_candidate(CAROL).await;
    assert!(carol.call("accept_pledge", json!({ "code": "921" })).await.status().is_success());
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let theirs = carol.get(LETTER).await;
    assert_eq!(theirs.status(), 422);
    assert!(!theirs.text().await.unwrap().contains("李明"));
    assert_eq!(app.browser().get(LETTER).await.status(), 401);
    assert_eq!(alice.get("/api/exams/000/introduction-letter.pdf").await.status(), 404);
    assert_eq!(alice.get(LETTER).await.status(), 200);
}

#[tokio::test]
async fn an_exam_file_whose_letter_names_no_form_field_is_refused_with_the_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let source = LETTER_EXAM.replace("post_field = \"post_title\"", "post_field = \"post\"");
    let refused = admin.call("admin_create_exam", json!({ "preset": null, "code": "921", "source": source })).await;
    let (status, kind, body) = error_kind(refused).await;
    assert_eq!((status, kind.as_str()), (422, "ExamInvalid"));
    assert!(body.to_string().contains("names no field of [[form]]"), "{body}");
}

#[tokio::test]
async fn preset_004_offers_the_letter_under_its_templates_previewed_on_one_page_and_a_spilling_one_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let created = admin.call("admin_create_exam", json!({ "preset": "004", "code": "004-b", "source": "" })).await;
    assert!(created.status().is_success(), "{}", created.text().await.unwrap());
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "004-b" })).await.json().await.unwrap();
    assert!(detail["documents"].as_array().unwrap().contains(&json!("introduction_letter")), "{detail}");

    // The sample candidate, 张三, filled in as the shipped template lays them out.
    let preview = admin.get("/api/admin/exams/004-b/templates/introduction_letter/preview.pdf").await;
    assert_eq!(preview.status(), 200);
    let pdf = preview.bytes().await.unwrap();
    let text = read(&pdf);
    assert!(
        text.contains("张三（示例）") && text.contains("示例分院招生办公室：") && text.contains("党员关系证明信"),
        "{text}"
    );
    assert!(poppler("pdfinfo", &[], &pdf).lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")));

    // 不得跨页打印: a template that takes two pages is refused, and says so.
    let spilling = "#sys.inputs.name\n#pagebreak()\n#sys.inputs.id_number\n";
    let saved = admin
        .call(
            "admin_save_document_template",
            json!({ "code": "004-b", "kind": "introduction_letter", "source": spilling }),
        )
        .await;
    let body = saved.text().await.unwrap();
    assert!(body.contains("letter of introduction takes 2 pages"), "{body}");
}

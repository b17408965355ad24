//! Documents read as a person reads them (issue 13): the PDF's text through poppler's `pdftotext`
//! and its fonts through `pdffonts` (Debian's poppler-utils, which the test command installs).
use crate::support;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support::pdf::poppler;
use support::*;

/// Alice, signed up under `name`, with exam 000's four required pictures, submitted.
async fn submitted_in_000_as(app: &TestApp, name: &str) -> Browser {
    let browser = app.browser();
    assert!(browser.sign_up(ALICE, name, "secret-pass-1").await.status().is_success());
    assert!(browser.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
        browser.upload_ok(category, seq_no, samples::jpeg(300 + seq_no * 10, 200)).await;
    }
    assert!(browser.save_application("000", json!({}), None, true).await.status().is_success());
    browser
}

#[tokio::test]
async fn the_upload_receipt_lists_every_file_with_the_hash_of_what_the_server_stored() {
    let app = spawn_app().await;
    // A name with a rare character (堃) and one outside the Basic Multilingual Plane (𠮷).
    let browser = submitted_in_000_as(&app, "𠮷田堃").await;

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
[[form]]
key = "diplomas"
label_zh = "高等教育学历"
label_en = "Higher education"
kind = "diplomas"
required = true
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

/// 高等教育学历 as the form stores it: a row per diploma, its cells apart by a tab.
const DIPLOMAS: &str = "大学本科\t示例大学\t法学\t1976-09\t1980-07\t104221198005001234\n\
                        硕士研究生\t示例大学\t公共管理\t1990-09\t1993-07\t104221199302000077";

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
    let form =
        json!({ "school": "示例大学", "work_began": "1980-01", "resume": resume(periods), "diplomas": DIPLOMAS });
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
async fn the_registration_form_is_one_a4_page_with_the_photo_the_form_the_diplomas_the_resume_and_the_stamp_boxes() {
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
        // 高等教育学历, a row per diploma, as a table.
        "高等教育学历",
        "大学本科示例大学法学1976年9月1980年7月104221198005001234",
        "硕士研究生示例大学公共管理1990年9月1993年7月104221199302000077",
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
    let embedded = poppler("pdfimages", &["-list"], &pdf);
    let rows: Vec<&str> = embedded.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{embedded}");
    let columns: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((columns[3], columns[4]), ("300", "400"), "{embedded}");
}

#[tokio::test]
async fn the_registration_form_is_answered_503_while_the_folder_of_its_photo_is_gone() {
    let app = spawn_app().await;
    if app.blob_url.is_some() {
        return; // the bucket's own faults: storage_faults
    }
    let alice = approved_in_form_exam(&app, 1).await;
    // As an unmounted volume looks to the server (issue 53): the photo the form prints is not
    // missing, its folder is, and the form waits, 503 with Retry-After, not a 500 or a form
    // without the photo.
    let (folder, away) = (app.data_dir.path().join("blobs"), app.data_dir.path().join("blobs-unmounted"));
    std::fs::rename(&folder, &away).unwrap();
    let response = alice.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(response.status(), 503, "{}", response.text().await.unwrap());
    assert!(response.headers().contains_key("retry-after"));
    std::fs::rename(&away, &folder).unwrap();
    let response = alice.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
}

#[tokio::test]
async fn a_long_resume_is_set_smaller_to_stay_on_one_page_and_one_too_long_is_refused_with_its_count() {
    let app = spawn_app().await;
    // 26 half-years and two diplomas: a long form, set smaller to stay on one page.
    let alice = approved_in_form_exam(&app, 26).await;
    let response = alice.get("/api/exams/920/registration-form.pdf").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let pdf = response.bytes().await.unwrap().to_vec();
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "26 periods on one page:\n{info}");
    assert!(poppler("pdftotext", &[], &pdf).replace(' ', "").contains("第26街道办事处"));

    let app = spawn_app().await;
    let alice = approved_in_form_exam(&app, 90).await;
    let (status, kind, body) = error_kind(alice.get("/api/exams/920/registration-form.pdf").await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"), "{body}");
    let message = body["InvalidField"]["message_zh"].as_str().unwrap();
    assert!(message.contains("一页 A4") && message.contains("工作简历 90 行，高等教育学历 2 行"), "{message}");
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

async fn template(admin: &Browser, code: &str, kind: &str) -> Value {
    let response = admin.call("admin_document_template", json!({ "code": code, "kind": kind })).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

async fn save_template(admin: &Browser, code: &str, kind: &str, source: &str) -> reqwest::Response {
    admin.call("admin_save_document_template", json!({ "code": code, "kind": kind, "source": source })).await
}

#[tokio::test]
async fn an_administrator_changes_the_receipt_template_and_the_next_receipt_follows_it() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let admin = app.admin().await;
    let shipped = template(&admin, "000", "upload_receipt").await;
    assert_eq!(shipped["saved"], Value::Null, "no exam has its own template at first");
    assert!(shipped["sample_inputs"].as_str().unwrap().contains("\"sha256\""), "{shipped}");

    let own = format!("{}\n#text[本考区专用回执 XJ-7]\n", shipped["source"].as_str().unwrap());
    let saved = save_template(&admin, "000", "upload_receipt", &own).await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let saved: Value = saved.json().await.unwrap();
    assert!(saved["saved"][1].as_str().unwrap().contains("赵管理"), "by whom: {saved}");
    let text = poppler("pdftotext", &[], &alice.get("/api/exams/000/receipt.pdf").await.bytes().await.unwrap());
    assert!(text.contains("本考区专用回执 XJ-7"), "{text}");
    // Another exam keeps the shipped template.
    assert_eq!(template(&admin, "004", "upload_receipt").await["saved"], Value::Null);

    let back: Value = admin
        .call("admin_reset_document_template", json!({ "code": "000", "kind": "upload_receipt" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["saved"], Value::Null);
    assert_eq!(back["source"], shipped["source"]);
    let text = poppler("pdftotext", &[], &alice.get("/api/exams/000/receipt.pdf").await.bytes().await.unwrap());
    assert!(!text.contains("XJ-7") && text.contains("上传回执"), "{text}");

    let log: Vec<Value> =
        admin.call("admin_audit_log", json!({ "query": { "action": "template_changed" } })).await.json().await.unwrap();
    let details: Vec<&str> = log.iter().map(|line| line["detail"].as_str().unwrap()).collect();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("upload_receipt template saved")), "{details:?}");
    assert!(details.iter().any(|d| d.contains("set back to the shipped one")), "{details:?}");
}

#[tokio::test]
async fn a_broken_template_is_refused_with_its_line_and_documents_keep_the_one_before() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let admin = app.admin().await;

    let typo = "#let d = sys.inputs\n#set page(paper: \"a4\")\n#d.nmae\n";
    let (status, kind, body) = error_kind(save_template(&admin, "000", "upload_receipt", typo).await).await;
    assert_eq!((status, kind.as_str()), (422, "TemplateInvalid"));
    assert!(body.to_string().contains("line 3"), "{body}");

    // A template reads its data and the files given to it, nothing of the server's disk.
    let snooping = "#let d = sys.inputs\n#read(\"/etc/passwd\")\n";
    let (status, _, body) = error_kind(save_template(&admin, "000", "upload_receipt", snooping).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("line 2"), "{body}");

    // 报名登记表 must stay on one page (seed 004: 不得跨页打印).
    let two_pages = "#let d = sys.inputs\n#d.name\n#pagebreak()\n#d.exam_code\n";
    let (status, _, body) = error_kind(save_template(&admin, "004", "registration_form", two_pages).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("2 pages"), "{body}");

    let huge = format!("// {}\n", "x".repeat(40 * 1024));
    let (status, _, body) = error_kind(save_template(&admin, "000", "upload_receipt", &huge).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("at most 32 KB"), "{body}");

    // Nothing was kept: the receipt prints as before.
    assert_eq!(template(&admin, "000", "upload_receipt").await["saved"], Value::Null);
    let receipt = alice.get("/api/exams/000/receipt.pdf").await;
    assert_eq!(receipt.status(), 200);
    assert!(poppler("pdftotext", &[], &receipt.bytes().await.unwrap()).contains("上传回执"));
}

#[tokio::test]
async fn a_template_that_loops_or_asks_for_gigabytes_is_stopped_and_refused_and_the_server_goes_on() {
    let app = spawn_app_with(|c| {
        c.document_deadline_ms = 3000;
        c.document_memory_mb = 512;
    })
    .await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let admin = app.admin().await;

    let endless = "#let d = sys.inputs\n#for i in range(100000) { for j in range(100000) { let k = i + j } }\n";
    let started = std::time::Instant::now();
    let (status, kind, body) = error_kind(save_template(&admin, "000", "upload_receipt", endless).await).await;
    assert_eq!((status, kind.as_str()), (422, "TemplateInvalid"), "{body}");
    assert!(body.to_string().contains("longer than 3 s"), "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "stopped at the deadline");

    let greedy = "#let d = sys.inputs\n#let s = \"x\" * 4000000000\n#s.len()\n";
    let (status, _, body) = error_kind(save_template(&admin, "000", "upload_receipt", greedy).await).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("more than 512 MB"), "{body}");

    // Neither was kept, and documents are laid out as before by a fresh worker.
    assert_eq!(template(&admin, "000", "upload_receipt").await["saved"], Value::Null);
    let receipt = alice.get("/api/exams/000/receipt.pdf").await;
    assert_eq!(receipt.status(), 200);
    assert!(poppler("pdftotext", &[], &receipt.bytes().await.unwrap()).contains("上传回执"));
}

#[tokio::test]
async fn a_layout_whose_asker_went_away_keeps_its_place_until_it_ends() {
    use server::documents::render_job::RenderJob;
    let app = spawn_app_with(|c| c.document_deadline_ms = 3000).await;
    let pool = app.documents.pool.clone();
    let places = pool.free_places();
    let endless = "#for i in range(100000) { for j in range(100000) { let k = i + j } }";
    let job = RenderJob { template: endless.into(), inputs_json: "{}".into(), files: Vec::new() };
    // The asker (a candidate's request for a receipt, say) goes away before the answer.
    let asking = pool.lay_out(job);
    let _ = tokio::time::timeout(std::time::Duration::from_millis(1000), asking).await;
    assert_eq!(pool.free_places(), places - 1, "the layout still runs, and still holds its place");
    // The place comes back when the layout ends (here, at its deadline), not before.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while pool.free_places() < places {
        assert!(std::time::Instant::now() < deadline, "the place never came back");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn only_administrators_read_change_or_preview_templates_and_only_of_documents_the_exam_prints() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let candidate = app.new_candidate(ALICE).await;
    for someone in [&reviewer, &candidate] {
        let read = someone.call("admin_document_template", json!({ "code": "000", "kind": "upload_receipt" })).await;
        assert_eq!(read.status(), 403);
        let saved = save_template(someone, "000", "upload_receipt", "#sys.inputs.name").await;
        assert_eq!(saved.status(), 403);
        assert_eq!(someone.get("/api/admin/exams/002/templates/admission_ticket/preview.pdf").await.status(), 403);
    }
    assert_eq!(app.browser().get("/api/admin/exams/002/templates/admission_ticket/preview.pdf").await.status(), 401);

    let admin = app.admin().await;
    // 000 prints neither a registration form nor a ticket.
    let none = admin.call("admin_document_template", json!({ "code": "000", "kind": "admission_ticket" })).await;
    assert_eq!(none.status(), 404);
    assert_eq!(admin.get("/api/admin/exams/000/templates/registration_form/preview.pdf").await.status(), 404);

    // The preview lays the sample candidate out, photo and QR code included.
    let preview = admin.get("/api/admin/exams/002/templates/admission_ticket/preview.pdf").await;
    assert_eq!(preview.status(), 200);
    assert_eq!(preview.headers()["content-type"], "application/pdf");
    let pdf = preview.bytes().await.unwrap();
    let text = poppler("pdftotext", &[], &pdf);
    assert!(text.contains("张三（示例）") && text.contains("002-101-01"), "{text}");
    assert_eq!(poppler("pdfimages", &["-list"], &pdf).lines().skip(2).count(), 1, "the sample's ID photo");
}

#[tokio::test]
async fn a_character_no_installed_font_has_prints_as_its_code_point_never_as_an_empty_box() {
    let app = spawn_app().await;
    // U+31350, of CJK extension H (Unicode 15): Noto CJK has no glyph for it.
    let browser = submitted_in_000_as(&app, "王\u{31350}").await;
    let text = poppler("pdftotext", &[], &browser.get("/api/exams/000/receipt.pdf").await.bytes().await.unwrap());
    assert!(text.contains("王〔U+31350〕"), "{text}");
}

/// Seed 000's 系统使用咨询: the exam file's helpline on the exam page, in 我的考试 and at the foot of
/// the candidate's receipt; an exam without one shows none.
#[tokio::test]
async fn the_helpline_of_the_exam_file_is_on_the_page_the_card_and_the_receipt() {
    let app = spawn_app().await;
    let browser = submitted_in_000_as(&app, "咨询考生").await;
    let said = "咨询电话：0755-88892919，受理咨询时间：工作日9:00-12:00、14:00-18:00。";

    let page: Value = browser.exam_page().await;
    assert_eq!(page["definition"]["helpline"][0], said);
    assert_eq!(
        page["definition"]["helpline"][1],
        "Helpline: 0755-88892919; answering working days 9:00–12:00 and 14:00–18:00."
    );
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    let card = |code: &str| cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == code).cloned();
    assert_eq!(card("000").unwrap()["helpline"][0], said);
    let text = poppler("pdftotext", &[], &browser.get("/api/exams/000/receipt.pdf").await.bytes().await.unwrap());
    assert!(text.contains("咨询电话：0755-88892919"), "the receipt's foot names the helpline:\n{text}");

    // An exam file without [helpline] shows none.
    app.add_exam(&open_exam(
        &app,
        "941",
        "",
        "[[categories]]\ncode = \"other\"\nname_zh = \"其他\"\nname_en = \"Other\"\n",
    ))
    .await;
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    let other = cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == "941").cloned().unwrap();
    assert_eq!(other["helpline"], Value::Null);
}

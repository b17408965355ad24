//! The candidate's journey on the server: pledge first, drafts kept as left, completeness
//! checked by the server, submission locking every picture, and the eligibility list.
use crate::support;

use serde_json::{json, Value};
use support::samples::jpeg;
use support::*;

const DEMO_CANDIDATE: (&str, &str) = ("44030519900101123X", "zige-demo-2026");

async fn demo_candidate(app: &TestApp) -> Browser {
    let browser = app.browser();
    assert!(browser.log_in(DEMO_CANDIDATE.0, DEMO_CANDIDATE.1).await.status().is_success());
    browser
}

#[tokio::test]
async fn nothing_can_be_uploaded_before_the_pledge_and_its_time_is_recorded() {
    let app = spawn_app().await;
    let alice = app.new_candidate(ALICE).await;
    let page = alice.exam_page().await;
    assert_eq!((page["state"].as_str(), page["pledge_accepted_at"].is_null()), (Some("not_started"), true));
    assert_eq!(error_kind(alice.upload("other", 1, "a.jpg", jpeg(100, 100)).await).await.1, "PledgeRequired");
    assert_eq!(error_kind(alice.save_application("000", json!({}), None, false).await).await.1, "PledgeRequired");

    let before = app.clock_now();
    assert!(alice.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    let page = alice.exam_page().await;
    assert_eq!(page["state"], "draft");
    assert!(shown_between(&page["pledge_accepted_at"], before, app.clock_now()), "{}", page["pledge_accepted_at"]);
    assert_eq!(alice.upload("other", 1, "a.jpg", jpeg(100, 100)).await.status(), 201);
}

#[tokio::test]
async fn submission_lists_exactly_what_is_missing_then_locks_everything() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    alice.upload_ok("id_card", 1, jpeg(100, 100)).await;

    let (status, kind, body) = error_kind(alice.save_application("000", json!({}), None, true).await).await;
    assert_eq!((status, kind.as_str()), (422, "Incomplete"));
    assert_eq!(
        missing_texts(&body),
        vec!["身份证：缺少反面", "学历学位材料：需要 1 张，已上传 0 张", "个人履历材料：需要 1 张，已上传 0 张"]
    );
    assert_eq!(alice.exam_page().await["state"], "draft", "a refused submission locks nothing");

    alice.upload_ok("id_card", 2, jpeg(100, 100)).await;
    alice.upload_ok("education", 1, jpeg(100, 100)).await;
    let resume = alice.upload_ok("work_resume", 1, jpeg(100, 100)).await;
    assert!(alice.save_application("000", json!({}), None, true).await.status().is_success());

    let page = alice.exam_page().await;
    assert_eq!((page["state"].as_str(), page["editable"].as_bool()), (Some("submitted"), Some(false)));
    let all_locked = page["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["materials"].as_array().unwrap())
        .all(|m| m["locked"] == true);
    assert!(all_locked, "every picture shows as 已锁定");
    assert_eq!(error_kind(alice.call("delete_material", json!({ "id": resume["id"] })).await).await.1, "Locked");
    assert_eq!(error_kind(alice.upload("other", 1, "late.jpg", jpeg(100, 100)).await).await.1, "Locked");
    assert_eq!(error_kind(alice.save_application("000", json!({}), None, false).await).await.1, "Locked");
}

#[tokio::test]
async fn a_draft_keeps_what_was_typed_even_when_wrong_and_names_each_problem() {
    let app = spawn_app().await;
    let li = demo_candidate(&app).await;
    assert!(li.call("accept_pledge", json!({ "code": "004" })).await.status().is_success());
    let form = json!({
        "school": "某某大学",
        "work_began": "2015-07",
        "resume": "2015.7-2017.3，**街道办事处，科员\n2017.6至今，**街道办事处，副主任科员",
        "not_a_field": "dropped",
    });
    let problems: Value = li.save_application("004", form, None, false).await.json().await.unwrap();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 1, "a draft reports format problems, not missing fields: {problems:?}");
    assert_eq!(problems[0]["field"], "resume");
    assert!(problems[0]["message_zh"].as_str().unwrap().contains("第 2 行与上一段之间有空档"));

    let page = li.exam_page_of("004").await;
    assert_eq!(
        page["form"],
        json!({ "school": "某某大学", "work_began": "2015-07", "resume": "2015.7-2017.3，**街道办事处，科员\n2017.6至今，**街道办事处，副主任科员" })
    );

    let (_, kind, body) = error_kind(li.save_application("004", page["form"].clone(), None, true).await).await;
    assert_eq!(kind, "Incomplete");
    let missing = missing_texts(&body);
    assert!(missing.contains(&"个人证件照：需要 1 张，已上传 0 张".to_string()), "{missing:?}");
    assert!(missing.contains(&"个人信息：请填写文化程度（必填）".to_string()), "{missing:?}");
    assert!(missing.contains(&"个人信息：请填写高等教育学历（至少一行）".to_string()), "{missing:?}");
    assert!(missing.iter().any(|m| m.starts_with("个人信息：工作简历：第 2 行与上一段之间有空档")), "{missing:?}");
}

#[tokio::test]
async fn only_listed_candidates_enter_a_list_exam_and_bad_csv_rows_are_named() {
    let app = spawn_app().await;
    let alice = app.new_candidate(ALICE).await;
    let bob = app.new_candidate(BOB).await;
    assert_eq!(error_kind(alice.call("exam_page", json!({ "code": "004" })).await).await.1, "NotEligible");
    let codes = |cards: Value| {
        cards.as_array().unwrap().iter().map(|c| c["exam"]["code"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(codes(alice.call("list_exams", json!({})).await.json().await.unwrap()), vec!["000"]);

    let admin = app.admin().await;
    let csv = format!("身份证号,姓名\n{ALICE},考生\n110105194912310021,错号\n{BOB},另一个名字\n,没有号码\n");
    let report: Value =
        admin.call("admin_import_eligibility", json!({ "code": "004", "csv": csv })).await.json().await.unwrap();
    assert_eq!(report["accepted"], 2);
    let lines: Vec<u64> = report["problems"].as_array().unwrap().iter().map(|p| p[0].as_u64().unwrap()).collect();
    assert_eq!(lines, vec![3, 5]);

    assert_eq!(codes(alice.call("list_exams", json!({})).await.json().await.unwrap()), vec!["000", "004"]);
    assert_eq!(alice.exam_page_of("004").await["state"], "not_started");
    assert_eq!(
        error_kind(bob.call("exam_page", json!({ "code": "004" })).await).await.1,
        "NotEligible",
        "the list names someone else"
    );
}

#[tokio::test]
async fn a_list_pasted_from_excel_or_uploaded_as_a_workbook_is_read_like_a_csv() {
    use base64::Engine;
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Copied from an Excel or WPS sheet: tabs between the cells, CRLF between rows.
    let pasted = format!("身份证号\t姓名\r\n{ALICE}\t考生\r\n110105194912310021\t错号\r\n");
    let report: Value =
        admin.call("admin_import_eligibility", json!({ "code": "004", "csv": pasted })).await.json().await.unwrap();
    assert_eq!(report["accepted"], 1, "{report}");
    assert_eq!(report["problems"][0][0], 3);

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, (id, name)) in [("证件号码", "姓名"), (BOB, "考生"), ("not-a-number", "某人")].iter().enumerate()
    {
        sheet.write_string(row as u32, 0, *id).unwrap();
        sheet.write_string(row as u32, 1, *name).unwrap();
    }
    let workbook = base64::engine::general_purpose::STANDARD.encode(book.save_to_buffer().unwrap());
    let report: Value = admin
        .call("admin_import_eligibility_sheet", json!({ "code": "004", "xlsx_base64": workbook }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((report["accepted"].as_u64(), report["total_on_list"].as_u64()), (Some(1), Some(3)), "{report}");
    assert_eq!(report["problems"][0][0], 3, "the sheet's third row");
    let bob = app.new_candidate(BOB).await;
    assert_eq!(bob.exam_page_of("004").await["state"], "not_started", "listed from the workbook");

    let garbage =
        admin.call("admin_import_eligibility_sheet", json!({ "code": "004", "xlsx_base64": "aGVsbG8=" })).await;
    let (status, _, body) = error_kind(garbage).await;
    assert_eq!(status, 422);
    assert!(body["InvalidField"]["message_zh"].as_str().unwrap().contains(".xlsx"), "{body}");
    assert_eq!(
        app.candidate(CAROL)
            .await
            .call("admin_import_eligibility_sheet", json!({ "code": "004", "xlsx_base64": "" }))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn a_workbook_of_ten_thousand_candidates_is_imported_whole() {
    use base64::Engine;
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for n in 0..10_000u32 {
        // Ten birthdays with a thousand sequence numbers each: ten thousand different numbers.
        let first17 = format!("110101199001{:02}{:03}", 1 + n / 1000, n % 1000);
        let check = app::domain::id_number::resident_id_check_char(first17.as_bytes());
        sheet.write_string(n, 0, format!("{first17}{check}")).unwrap();
        sheet.write_string(n, 1, format!("考生{n}")).unwrap();
    }
    let workbook = base64::engine::general_purpose::STANDARD.encode(book.save_to_buffer().unwrap());
    assert!(workbook.len() > 64 * 1024, "larger than an ordinary form: {} bytes", workbook.len());
    let imported =
        admin.call("admin_import_eligibility_sheet", json!({ "code": "004", "xlsx_base64": workbook })).await;
    assert_eq!(imported.status(), 200, "{}", imported.text().await.unwrap());
    let report: Value = imported.json().await.unwrap();
    assert_eq!(report["accepted"], 10_000, "{}", report["problems"]);
}

#[tokio::test]
async fn administration_is_for_administrators_only() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    assert_eq!(error_kind(alice.call("admin_overview", json!({})).await).await.0, 403);
    assert_eq!(error_kind(app.browser().call("admin_overview", json!({})).await).await.0, 401);
    let edit = alice.call("admin_set_windows", json!({ "code": "000", "windows_local": ["2020-01-01T00:00", "2020-01-02T00:00", "2020-01-03T00:00", "2020-01-04T00:00"] })).await;
    assert_eq!(edit.status(), 403);

    let admin = app.admin().await;
    let overview: Value = admin.call("admin_overview", json!({})).await.json().await.unwrap();
    let row = overview.as_array().unwrap().iter().find(|r| r["exam"]["code"] == "000").unwrap();
    assert_eq!(row["counts"], json!([["draft", 1]]), "Alice entered 000 and has not submitted");
    assert_eq!(
        error_kind(admin.call("exam_page", json!({ "code": "000" })).await).await.1,
        "Forbidden",
        "administrators hold no applications"
    );
}

#[tokio::test]
async fn materials_are_reordered_by_the_owner_only() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let first = alice.upload_ok("other", 1, jpeg(100, 100)).await;
    let second = alice.upload_ok("other", 2, jpeg(120, 100)).await;
    let order = json!([second["id"], first["id"]]);
    let bob = app.candidate(BOB).await;
    assert_eq!(
        bob.call("reorder_materials", json!({ "code": "000", "category": "other", "ordered_ids": order }))
            .await
            .status(),
        400
    );
    assert!(alice
        .call("reorder_materials", json!({ "code": "000", "category": "other", "ordered_ids": order }))
        .await
        .status()
        .is_success());
    let page = alice.exam_page().await;
    let other = page["categories"].as_array().unwrap().iter().find(|c| c["code"] == "other").unwrap();
    let widths: Vec<u64> =
        other["materials"].as_array().unwrap().iter().map(|m| m["width"].as_u64().unwrap()).collect();
    assert_eq!(widths, vec![120, 100], "the second picture is now number 1");
}

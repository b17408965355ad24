//! 考试成绩 (seeds 001/003's menu): an administrator imports an exam's score sheet — taken whole or
//! refused whole, every bad row named — and sets when it is published; each candidate sees their
//! own from that moment, in the menu's page and on the exam's page, never before and never another's.
use crate::support;

use serde_json::{json, Value};
use support::*;

async fn import(admin: &Browser, rows: &str) -> Value {
    let answer = admin.call("admin_import_scores", json!({ "code": "000", "rows": rows })).await;
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
    answer.json().await.unwrap()
}

async fn scores(candidate: &Browser) -> Vec<Value> {
    let answer = candidate.call("my_scores", json!({ "exam": null })).await;
    assert_eq!(answer.status(), 200);
    answer.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

fn subjects(card: &Value) -> Vec<(String, String, Value)> {
    card["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["subject"].as_str().unwrap().to_string(),
                s["score_zh"].as_str().unwrap().to_string(),
                s["passed"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_score_sheet_is_taken_whole_and_each_candidate_sees_their_own_from_the_publication_time() {
    let app = spawn_app().await;
    let alice = app.candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    let admin = app.admin().await;

    // Any wrong row: nothing stored, every wrong row named by its line.
    let wrong = format!(
        "证件号码,姓名,科目,成绩,合格线\n{ALICE},考生,基础知识,78.5,60\n{ALICE},考生,专业实务,缺考,60\n{BOB},考生,基础知识,59,60\n\
         {CAROL},某人,基础知识,90,60\n{BOB},李四,专业实务,70,60\n{ALICE},考生,基础知识,80,60\n{BOB},考生,综合,七十,60\n"
    );
    let report = import(&admin, &wrong).await;
    assert_eq!(report["imported"], 0);
    let lines: Vec<u64> = report["problems"].as_array().unwrap().iter().map(|p| p[0].as_u64().unwrap()).collect();
    assert_eq!(lines, [5, 6, 7, 8]);
    let said: Vec<&str> = report["problems"].as_array().unwrap().iter().map(|p| p[1].as_str().unwrap()).collect();
    assert_eq!(said[0], format!("证件号码 {CAROL} 在本考试中没有报名记录"));
    assert_eq!(said[1], "姓名“李四”与该证件号码报名时的姓名不符");
    assert!(said[2].starts_with("与第 2 行重复"), "{}", said[2]);
    assert!(said[3].contains("成绩“七十”无效"), "{}", said[3]);
    let status: Value = admin.call("admin_scores", json!({ "code": "000" })).await.json().await.unwrap();
    assert_eq!((status["rows"].as_u64(), status["publishes_at"].is_null()), (Some(0), true));

    let good = format!(
        "证件号码\t姓名\t科目\t成绩\t合格线\n{ALICE}\t考生\t基础知识\t78.5\t60\n{ALICE}\t考生\t专业实务\t缺考\t60\n{BOB}\t考生\t基础知识\t59\t60\n"
    );
    let report = import(&admin, &good).await;
    assert_eq!((report["imported"].as_u64(), report["candidates"].as_u64()), (Some(3), Some(2)));
    assert!(scores(&alice).await.is_empty(), "no publication time: nobody sees anything");

    // Published at a time still to come: still nothing; from that time, each their own.
    let set = admin.call("admin_set_score_release", json!({ "code": "000", "publishes_at": "2030-01-01T09:00" })).await;
    assert_eq!(set.status(), 200);
    let status: Value = set.json().await.unwrap();
    assert_eq!(
        (status["publishes_at"].as_str(), status["published"].as_bool()),
        (Some("2030-01-01 09:00"), Some(false))
    );
    assert!(scores(&alice).await.is_empty());
    let page = alice.get("/exams/000").await.text().await.unwrap();
    assert!(!page.contains("score-card"), "nothing of the scores before their time");
    app.clock.set(at("2030-01-01T09:00:00+08:00"));
    let cards = scores(&alice).await;
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0]["published_at"], "2030-01-01 09:00");
    assert_eq!(
        subjects(&cards[0]),
        [("基础知识".into(), "78.5".into(), json!(true)), ("专业实务".into(), "缺考".into(), json!(false))]
    );
    assert_eq!(subjects(&scores(&bob).await[0]), [("基础知识".into(), "59".into(), json!(false))]);
    let page = alice.get("/scores").await.text().await.unwrap();
    assert!(page.contains("78.5") && page.contains("合格") && !page.contains(">59<"), "her own only: {page}");
    let exam_page = alice.get("/exams/000").await.text().await.unwrap();
    assert!(exam_page.contains("score-card") && exam_page.contains("78.5"), "on the exam's page too");

    // A new sheet replaces the old: bob's score is gone with it.
    import(&admin, &format!("{ALICE},考生,基础知识,81,60\n")).await;
    assert!(scores(&bob).await.is_empty());
    assert_eq!(subjects(&scores(&alice).await[0]), [("基础知识".into(), "81".into(), json!(true))]);

    // Only administrators import or publish; a time that is none is named.
    let denied = alice.call("admin_import_scores", json!({ "code": "000", "rows": good })).await;
    assert_eq!(denied.status(), 403);
    let bad_time = admin.call("admin_set_score_release", json!({ "code": "000", "publishes_at": "明天" })).await;
    assert_eq!(bad_time.status(), 422);
    let log: Vec<Value> =
        admin.call("admin_audit_log", json!({ "query": { "action": "scores_imported" } })).await.json().await.unwrap();
    assert_eq!(log.len(), 2, "the two sheets taken, not the one refused");
}

#[tokio::test]
async fn a_workbook_s_rows_are_judged_as_pasted_rows_are_and_named_by_sheet_row() {
    let app = spawn_app().await;
    app.candidate(ALICE).await;
    let admin = app.admin().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, title) in ["证件号码", "姓名", "科目", "成绩", "合格线"].into_iter().enumerate() {
        sheet.write_string(0, col as u16, title).unwrap();
    }
    sheet.write_string(1, 0, ALICE).unwrap();
    sheet.write_string(1, 1, "考生").unwrap();
    sheet.write_string(1, 2, "基础知识").unwrap();
    sheet.write_number(1, 3, 88.5).unwrap();
    sheet.write_number(1, 4, 60).unwrap();
    // An ID number typed into a number cell has lost its last digits.
    sheet.write_number(2, 0, 320102199506123416.0).unwrap();
    let base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, book.save_to_buffer().unwrap());
    let answer = admin.call("admin_import_scores_sheet", json!({ "code": "000", "xlsx_base64": base64 })).await;
    let report: Value = answer.json().await.unwrap();
    assert_eq!(report["imported"], 0);
    assert_eq!(report["problems"][0][0], 3, "{report}");
    assert!(report["problems"][0][1].as_str().unwrap().contains("18 位数字"), "{report}");

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, cell) in [ALICE, "考生", "基础知识"].into_iter().enumerate() {
        sheet.write_string(0, col as u16, cell).unwrap();
    }
    sheet.write_number(0, 3, 88.5).unwrap();
    let base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, book.save_to_buffer().unwrap());
    let answer = admin.call("admin_import_scores_sheet", json!({ "code": "000", "xlsx_base64": base64 })).await;
    let report: Value = answer.json().await.unwrap();
    assert_eq!(
        (report["imported"].as_u64(), report["problems"].as_array().map(Vec::len)),
        (Some(1), Some(0)),
        "{report}"
    );
}

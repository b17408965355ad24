//! The branch's on-site check on the day (issue 51, seed 004 七 and 八): staff find an approved candidate by
//! scanning the code printed on their 报名登记表 (read here from the PDF by poppler and zbar) or by
//! ID number; a forged code, another exam's code and a candidate not approved are each refused
//! with a clear message; the ticks record the originals seen and the 留存 items received; 通过
//! waits for every required original or what stands in for it, and is recorded once when two staff members
//! press it together; the on-site fee waits for 通过; the candidate reads the outcome on their
//! timeline; administrators see the day's progress and export it; staff named for the on-site check only
//! work it and never reach the review.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use support::tickets::scan_qr;
use support::*;

/// Exam 000 with an on-site fee, a registration form and seed 004's kind of on-site table: the
/// registration form (kept), the ID card (taken back), the diploma (kept) for which the record
/// may stand in.
async fn exam_with_on_site_check(app: &TestApp) {
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = detail["source"].as_str().unwrap();
    let windows = source.find("[windows]").unwrap();
    let tables = r#"[fee]
amount_fen = 18000
on_site = true

[registration_form]
stamp_boxes = [{ title_zh = "所在单位意见", title_en = "Employer's opinion" }]

[on_site]
fee_after_check = true

[[on_site.items]]
code = "registration_form"
name_zh = "报名登记表"
name_en = "Registration form"
count = 3
handling = "keep"
required = true

[[on_site.items]]
code = "id_card"
name_zh = "身份证原件"
name_en = "ID card (original)"
handling = "return"
category = "id_card"
required = true

[[on_site.items]]
code = "diploma"
name_zh = "毕业证书原件"
name_en = "Diploma (original)"
handling = "keep"
category = "education"
required = true

[[on_site.items]]
code = "record"
name_zh = "学历证书电子注册备案表"
name_en = "Registration record of the diploma"
handling = "keep"
category = "other"
stands_in_for = "diploma"

"#;
    let source = format!("{}{tables}{}", &source[..windows], &source[windows..]);
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": source })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
}

/// ALICE submitted, approved, and the results published: her registration form can be printed.
/// `others` submit after her and stay waiting.
async fn approved_alice(app: &TestApp, others: &[&str]) -> Browser {
    let alice = approved_before_results(app, others).await;
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    alice
}

/// ALICE submitted and approved, the results not yet out; `others` submit after her and wait.
async fn approved_before_results(app: &TestApp, others: &[&str]) -> Browser {
    exam_with_on_site_check(app).await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    for other in others {
        app.submitted_candidate(other).await;
    }
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    assert!(reviewer
        .decide(application, sheet["version"].as_i64().unwrap(), json!("Approve"))
        .await
        .status()
        .is_success());
    alice
}

async fn find(staff: &Browser, scanned: &str) -> reqwest::Response {
    staff.call("on_site_find", json!({ "exam_code": "000", "scanned": scanned })).await
}

fn message_zh(body: &Value) -> String {
    body.to_string()
}

#[tokio::test]
async fn the_on_site_check_finds_the_candidate_by_the_forms_printed_code_and_refuses_forged_foreign_and_unapproved_ones(
) {
    let app = spawn_app().await;
    let alice = approved_alice(&app, &[BOB]).await;
    let form = alice.get("/api/exams/000/registration-form.pdf").await;
    assert_eq!(form.status(), 200);
    let code = scan_qr(&form.bytes().await.unwrap());
    assert!(code.starts_with("ZGR2."), "the form carries its signed code: {code}");

    let on_site = app.reviewer().await;
    let found: Value = find(&on_site, &code).await.json().await.unwrap();
    assert_eq!(found["name"], "考生");
    assert_eq!(found["id_number_masked"], "110***********002X");
    let items = found["items"].as_array().unwrap();
    let id_card = items.iter().find(|i| i["code"] == "id_card").unwrap();
    assert_eq!(id_card["scans"].as_array().unwrap().len(), 2, "both sides of the uploaded ID card beside the original");
    assert_eq!(id_card["kept"], false);
    let record = items.iter().find(|i| i["code"] == "record").unwrap();
    assert_eq!(record["stands_in_for"][0], "毕业证书原件");
    let scan = id_card["scans"][0].as_str().unwrap();
    assert_eq!(on_site.get(scan).await.status(), 200, "the on-site check sees the scan it compares with");
    let by_number: Value = find(&on_site, ALICE).await.json().await.unwrap();
    assert_eq!(by_number["application_id"], found["application_id"]);

    // One character changed: no one.
    let mut forged: Vec<char> = code.chars().collect();
    let spot = 8;
    forged[spot] = if forged[spot] == 'A' { 'B' } else { 'A' };
    let (status, kind, body) = error_kind(find(&on_site, &forged.into_iter().collect::<String>()).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    assert!(message_zh(&body).contains("无法识别的报名登记表二维码"), "{body}");
    // Signed by us, for another exam's on-site check.
    let claims = app::domain::registration_code::RegistrationClaims {
        exam_code: "004".into(),
        application_id: app::domain::record_ids::ApplicationId(1),
    };
    let foreign = app::domain::registration_code::sign_registration(&claims, app.state.ticket_keys.signing());
    let (_, _, body) = error_kind(find(&on_site, &foreign).await).await;
    assert!(message_zh(&body).contains("属于考试 004"), "{body}");
    // A candidate who is not approved.
    let (_, _, body) = error_kind(find(&on_site, BOB).await).await;
    assert!(message_zh(&body).contains("审核通过的考生才能现场报名"), "{body}");
    // A candidate cannot use the on-site check; nor can a reviewer of other exams.
    assert_eq!(find(&alice, &code).await.status(), 403);
    let stranger = app.new_reviewer(CAROL, &["004"]).await;
    assert_eq!(find(&stranger, &code).await.status(), 403);
}

#[tokio::test]
async fn passing_waits_for_the_originals_one_of_two_staff_wins_and_the_fee_waits_for_the_pass() {
    let app = spawn_app().await;
    let alice = approved_alice(&app, &[]).await;
    let on_site = app.reviewer().await;
    let admin = app.admin().await;
    let found: Value = find(&on_site, ALICE).await.json().await.unwrap();
    let application_id = found["application_id"].as_i64().unwrap();

    // 八: no fee before the originals passed.
    let fee = json!({ "exam_code": "000", "id_number": ALICE, "receipt_no": "WX-0001" });
    let (status, kind, body) = error_kind(admin.call("admin_record_on_site_payment", fee.clone()).await).await;
    assert_eq!((status, kind.as_str()), (409, "PaymentRefused"));
    assert!(body.to_string().contains("原件审核通过后才能登记现场缴费"), "{body}");

    async fn decide(
        who: &Browser,
        (application_id, card): (i64, i64),
        passed: bool,
        reason: &str,
    ) -> reqwest::Response {
        let outcome = if passed { "passed" } else { "failed" };
        let args = json!({ "exam_code": "000", "application_id": application_id, "card_version": card, "outcome": outcome, "reason": reason });
        who.call("on_site_decide", args).await
    }
    let (_, _, body) = error_kind(decide(&on_site, (application_id, 0), true, "").await).await;
    assert!(body.to_string().contains("尚缺 3 项原件"), "nothing ticked yet: {body}");
    let tick = |seen: Value, received: Value| {
        on_site.call(
            "on_site_tick",
            json!({ "exam_code": "000", "application_id": application_id, "card_version": 0, "seen": seen, "received": received }),
        )
    };
    let (_, _, body) = error_kind(tick(json!(["id_card"]), json!(["id_card"])).await).await;
    assert!(body.to_string().contains("由考生带回"), "the ID card is not kept: {body}");
    let ticked: Value = tick(json!(["registration_form", "id_card", "record"]), json!(["registration_form", "record"]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ticked["missing"], json!([]), "the record stands in for the diploma");
    assert_eq!(ticked["items"][3]["received"], true);
    let card = ticked["check_version"].as_i64().unwrap();
    let slip = format!("/api/on-site/000/{application_id}/handover.pdf");
    let (status, _, body) = error_kind(on_site.get(&slip).await).await;
    assert_eq!(status, 422, "no slip before the originals passed: {body}");
    let (_, _, body) = error_kind(decide(&on_site, (application_id, card), false, " ").await).await;
    assert!(body.to_string().contains("请填写原件审核不通过的原因"), "{body}");

    // Two on-site checks press 通过 at once: exactly one records it.
    let other_staff = app.admin().await;
    let (first, second) = tokio::join!(
        decide(&on_site, (application_id, card), true, ""),
        decide(&other_staff, (application_id, card), true, "")
    );
    let statuses = [first.status().as_u16(), second.status().as_u16()];
    assert!(statuses.contains(&200) && statuses.contains(&422), "{statuses:?}");
    let loser = if statuses[0] == 422 { first } else { second };
    assert!(loser.text().await.unwrap().contains("不能重复记录"), "the other staff member is told who recorded it");
    let events = app::ssr::entities::application_event::Entity::find()
        .filter(app::ssr::entities::application_event::Column::MessageZh.eq("现场报名：原件审核通过"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 1, "recorded once");
    let (_, _, body) = error_kind(tick(json!([]), json!([])).await).await;
    assert!(body.to_string().contains("不能再修改勾选"), "{body}");

    // The 材料交接单: one A4 page, what the branch kept, as poppler reads it.
    let pdf = on_site.get(&slip).await;
    assert_eq!(pdf.status(), 200);
    let pdf = pdf.bytes().await.unwrap();
    assert_eq!(
        support::pdf::poppler("pdfinfo", &[], &pdf).lines().find(|l| l.starts_with("Pages:")).unwrap(),
        "Pages:           1"
    );
    let text = support::pdf::poppler("pdftotext", &["-layout"], &pdf);
    assert!(text.contains("材料交接单") && text.contains("考生签名") && text.contains("经办人签名"), "{text}");
    assert!(
        text.contains("报名登记表") && text.contains("学历证书电子注册备案表") && text.contains("毕业证书原件"),
        "{text}"
    );
    let id_card = text.lines().filter(|l| l.contains("身份证原件")).collect::<Vec<_>>();
    assert!(id_card.len() == 1 && id_card[0].contains("考生带回"), "the ID card is handed back, not kept: {text}");
    // The record stood in for the diploma, which the branch never received: not printed as kept.
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("以学历证书电子注册备案表代毕业证书原件"), "{text}");
    assert!(flat.contains("未收取：毕业证书原件"), "{text}");
    let kept_rows = text.lines().filter(|l| l.contains('✓')).count();
    assert_eq!(kept_rows, 2, "the form and the record, received: {text}");
    let footer = text.lines().find(|l| l.contains("出具 Issued")).unwrap_or_default();
    assert!(footer.contains(" 北京时间"), "issued in China time with its zone: {footer}");
    assert_eq!(alice.get(&slip).await.status(), 403, "a candidate does not print the on-site check's slip");

    // The candidate reads it on their timeline; the fee can now be taken, once.
    let page = alice.exam_page().await;
    let timeline = page["timeline"].to_string();
    assert!(timeline.contains("现场报名：原件审核通过"), "{timeline}");
    let paid = on_site
        .call(
            "on_site_record_fee",
            json!({ "exam_code": "000", "application_id": application_id, "receipt_no": "WX-0001" }),
        )
        .await;
    assert_eq!(paid.status(), 200, "{}", paid.text().await.unwrap());
    assert!(paid.json::<Value>().await.unwrap()["fee_paid"].is_string());
    let (_, kind, _) = error_kind(admin.call("admin_record_on_site_payment", fee).await).await;
    assert_eq!(kind, "PaymentRefused", "paid once");

    let progress: Value =
        admin.call("admin_on_site_progress", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(progress, json!({ "approved": 1, "checked": 1, "passed": 1, "failed": 0, "to_come": 0 }));
    let export = admin.get("/api/admin/exams/000/on-site.csv").await.text().await.unwrap();
    let line = export.lines().find(|l| l.contains(ALICE)).unwrap_or_default();
    assert!(line.contains("通过") && !line.contains("不通过"), "{export}");
    assert!(line.contains("王审核") || line.contains("赵管理"), "who recorded it: {line}");
}

#[tokio::test]
async fn staff_named_for_the_on_site_check_only_work_it_and_never_reach_the_review() {
    let app = spawn_app().await;
    exam_with_on_site_check(&app).await;
    let (_alice, _) = app.submitted_candidate(ALICE).await;
    let (_bob, bob_materials) = app.submitted_candidate(BOB).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success());
    app.clock.set(at("2099-01-01T00:00:00+08:00"));

    let on_site = app.new_staff(CAROL, &["000"], "on_site").await;
    let exams: Value = on_site.call("review_exams", json!({})).await.json().await.unwrap();
    assert_eq!(exams[0]["exam"]["code"], "000");
    assert_eq!((exams[0]["reviews"].clone(), exams[0]["on_site"].clone()), (json!(false), json!(true)));
    assert_eq!(exams[0]["awaiting"], 0, "how many wait for review is not the on-site check's business");

    // The on-site check's work: find, see the scans, tick, pass, take the fee.
    let found: Value = find(&on_site, ALICE).await.json().await.unwrap();
    let application_id = found["application_id"].as_i64().unwrap();
    let scan = found["items"].as_array().unwrap().iter().find(|i| i["code"] == "id_card").unwrap()["scans"][0].clone();
    assert_eq!(on_site.get(scan.as_str().unwrap()).await.status(), 200, "the scan beside the original");
    let on_site_now = json!({ "exam_code": "000", "application_id": application_id });
    let mut ticks = on_site_now.clone();
    ticks["seen"] = json!(["registration_form", "id_card", "diploma"]);
    ticks["received"] = json!(["registration_form", "diploma"]);
    ticks["card_version"] = json!(0);
    assert_eq!(on_site.call("on_site_tick", ticks).await.status(), 200);
    let mut pass = on_site_now.clone();
    pass["card_version"] = json!(1);
    pass["outcome"] = json!("passed");
    pass["reason"] = json!("");
    assert_eq!(on_site.call("on_site_decide", pass).await.status(), 200);
    let mut fee = on_site_now.clone();
    fee["receipt_no"] = json!("WX-0002");
    assert_eq!(on_site.call("on_site_record_fee", fee).await.status(), 200);

    // Never the review: not the queue, not an application, not a waiting candidate's scans.
    assert_eq!(on_site.queue("000", json!("awaiting"), Value::Null).await.status(), 403);
    assert_eq!(on_site.open_application(application_id, false).await.status(), 404);
    let bob_scan = format!("/api/materials/{}/file", bob_materials[0]);
    assert_eq!(reviewer.get(&bob_scan).await.status(), 200, "the reviewer reads it");
    assert_eq!(on_site.get(&bob_scan).await.status(), 404, "not approved: not the on-site check's");
    let (_, _, body) = error_kind(find(&on_site, BOB).await).await;
    assert!(message_zh(&body).contains("审核通过的考生才能现场报名"), "{body}");
    // Nor another exam's on-site check.
    let elsewhere = app.new_staff(DAVE, &["004"], "on_site").await;
    assert_eq!(find(&elsewhere, ALICE).await.status(), 403);
    assert_eq!(elsewhere.get(scan.as_str().unwrap()).await.status(), 404);

    // The administrator takes the on-site check away: audited both times, and the on-site check is closed to them.
    let admin = app.admin().await;
    let reviewers: Value = admin.call("admin_reviewers", json!({})).await.json().await.unwrap();
    let carol = reviewers.as_array().unwrap().iter().find(|r| r["id_number_masked"] == "110***********1233").unwrap();
    assert_eq!(carol["assignments"], json!([["000", "on_site"]]));
    let withdrawn = admin
        .call("admin_assign_reviewer", json!({ "reviewer_id": carol["id"], "exam_code": "000", "duty": null }))
        .await;
    assert!(withdrawn.status().is_success());
    assert_eq!(find(&on_site, ALICE).await.status(), 403);
    assert_eq!(on_site.get(scan.as_str().unwrap()).await.status(), 404);
    let details: Vec<String> = app::ssr::entities::audit_entry::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.detail)
        .collect();
    assert!(details.iter().any(|d| d == "assigned to the on-site check only of exam 000"), "{details:?}");
    assert!(details.iter().any(|d| d == "no longer assigned to exam 000"), "{details:?}");
}

#[tokio::test]
async fn the_on_site_check_opens_when_results_are_out_tells_no_review_state_and_every_act_is_audited() {
    let app = spawn_app().await;
    approved_before_results(&app, &[BOB]).await;
    let on_site = app.new_staff(CAROL, &["000"], "on_site").await;

    // Before the results are out the on-site check learns nothing: Alice is approved, but not yet told.
    let (status, _, body) = error_kind(find(&on_site, ALICE).await).await;
    assert_eq!(status, 422);
    assert!(message_zh(&body).contains("公布") && !message_zh(&body).contains("考生"), "{body}");

    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    // Bob waits for review; Dave never applied: the on-site check reads the same words for both.
    let (_, _, waiting) = error_kind(find(&on_site, BOB).await).await;
    let (_, _, nobody) = error_kind(find(&on_site, DAVE).await).await;
    assert_eq!(waiting, nobody, "no review state through the on-site check");
    assert!(message_zh(&waiting).contains("审核通过的考生才能现场报名"), "{waiting}");

    let found: Value = find(&on_site, ALICE).await.json().await.unwrap();
    let application_id = found["application_id"].as_i64().unwrap();
    let on_site_now = json!({ "exam_code": "000", "application_id": application_id });
    let mut ticks = on_site_now.clone();
    ticks["seen"] = json!(["registration_form", "id_card", "diploma"]);
    ticks["received"] = json!(["registration_form", "diploma"]);
    ticks["card_version"] = json!(0);
    assert_eq!(on_site.call("on_site_tick", ticks).await.status(), 200);
    let mut pass = on_site_now.clone();
    pass["card_version"] = json!(1);
    pass["outcome"] = json!("passed");
    pass["reason"] = json!("");
    assert_eq!(on_site.call("on_site_decide", pass).await.status(), 200);
    assert_eq!(on_site.get(&format!("/api/on-site/000/{application_id}/handover.pdf")).await.status(), 200);

    let audit: Vec<Value> = app.admin().await.call("admin_audit_log", json!({})).await.json().await.unwrap();
    let lines = |action: &str| -> Vec<String> {
        audit.iter().filter(|l| l["action"] == action).map(|l| l["detail"].as_str().unwrap().to_string()).collect()
    };
    let lookups = lines("on_site_lookup");
    assert_eq!(lookups.len(), 3, "{lookups:?}");
    assert!(
        lookups.iter().any(|l| l.contains("found 考生"))
            && lookups.iter().filter(|l| l.contains("nobody")).count() == 2
    );
    assert!(lookups.iter().all(|l| !l.contains(ALICE) && !l.contains(BOB)), "numbers masked: {lookups:?}");
    assert_eq!(lines("on_site_ticks").len(), 1);
    assert_eq!(lines("on_site_check_recorded").len(), 1);
    assert_eq!(lines("handover_printed").len(), 1);
}

/// Two on-site checks have Alice's card open; one ticks. The other's tick and 通过, made on the card it
/// still shows, are refused naming whose card it was, and write nothing over the first on-site check's
/// ticks; scanned again, its card acts.
#[tokio::test]
async fn an_act_made_on_a_card_another_staff_member_changed_since_is_refused_naming_the_candidate() {
    let app = spawn_app().await;
    approved_alice(&app, &[]).await;
    let (first, second) = (app.reviewer().await, app.admin().await);
    let card: Value = find(&second, ALICE).await.json().await.unwrap();
    let (application_id, shown) = (card["application_id"].as_i64().unwrap(), card["check_version"].as_i64().unwrap());
    assert_eq!(shown, 0, "nothing ticked yet");
    let tick = |on_site: &Browser, version: i64, seen: Value| {
        let args = json!({ "exam_code": "000", "application_id": application_id, "card_version": version, "seen": seen, "received": [] });
        let on_site = on_site.clone();
        async move { on_site.call("on_site_tick", args).await }
    };
    let ticked: Value = tick(&first, 0, json!(["registration_form", "id_card", "record"])).await.json().await.unwrap();
    assert_eq!(ticked["check_version"], 1);

    let (status, _, body) = error_kind(tick(&second, shown, json!(["id_card"])).await).await;
    assert_eq!(status, 422);
    let name = card["name"].as_str().unwrap();
    assert!(
        message_zh(&body)
            .contains(&format!("这张卡片已过期：{name}（{}）", card["id_number_masked"].as_str().unwrap())),
        "{body}"
    );
    let pass = json!({ "exam_code": "000", "application_id": application_id, "card_version": shown, "outcome": "passed", "reason": "" });
    let (_, _, body) = error_kind(second.call("on_site_decide", pass).await).await;
    assert!(message_zh(&body).contains("这张卡片已过期"), "{body}");
    let now: Value = find(&second, ALICE).await.json().await.unwrap();
    let seen: Vec<&Value> = now["items"].as_array().unwrap().iter().filter(|i| i["seen"] == true).collect();
    assert_eq!(seen.len(), 3, "the first staff member's ticks stand: {now}");
    assert!(now["outcome"].is_null());

    // Scanned again, the second on-site check's card is current and its acts land.
    let version = now["check_version"].as_i64().unwrap();
    let pass = json!({ "exam_code": "000", "application_id": application_id, "card_version": version, "outcome": "passed", "reason": "" });
    let passed = second.call("on_site_decide", pass).await;
    assert_eq!(passed.status(), 200, "{}", passed.text().await.unwrap());
    let (_, _, body) = error_kind(tick(&first, 1, json!([])).await).await;
    assert!(message_zh(&body).contains("不能再修改勾选"), "{body}");
}

//! The whole feedback loop on the server: submit → the reviewer returns two of five pictures →
//! the candidate replaces exactly those (the other three stay locked) → resubmits → the reviewer
//! sees old and new side by side and approves → the result stays hidden until the results time.
use crate::support;

use serde_json::{json, Value};
use support::samples::jpeg;
use support::*;

fn material<'a>(sheet: &'a Value, id: &str) -> &'a Value {
    sheet["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["materials"].as_array().unwrap())
        .find(|i| i["material"]["id"] == id)
        .unwrap()
}

fn materials(page: &Value) -> Vec<Value> {
    page["categories"].as_array().unwrap().iter().flat_map(|c| c["materials"].as_array().unwrap().clone()).collect()
}

async fn first_waiting(reviewer: &Browser) -> (i64, Value) {
    let page: Value = reviewer.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
    (page["rows"][0]["application_id"].as_i64().expect("an application waits"), page)
}

#[tokio::test]
async fn return_two_replace_exactly_those_resubmit_approve_and_publish() {
    let app = spawn_app().await;
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;

    let (application, queue) = first_waiting(&reviewer).await;
    assert_eq!(queue["rows"][0]["state"], "submitted");
    let sheet = reviewer.sheet(application).await;
    assert_eq!(
        (sheet["taken_by_me"].as_bool(), sheet["id_number_masked"].as_str()),
        (Some(true), Some("110***********002X"))
    );
    let version = sheet["version"].as_i64().unwrap();
    let flags = json!([
        { "material_id": ids[1], "reason": "unclear", "comment": "反面国徽看不清" },
        { "material_id": ids[2], "reason": "wrong_document", "comment": "毕业证编号无法辨别" },
    ]);
    let decided = reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await;
    assert!(decided.status().is_success(), "return refused: {}", decided.text().await.unwrap());

    // The candidate sees the feedback, newest first, and exactly two pictures open.
    let page = alice.exam_page().await;
    assert_eq!(
        (page["state"].as_str(), page["revising"].as_bool(), page["editable"].as_bool()),
        (Some("returned"), Some(true), Some(false))
    );
    let timeline: Vec<&str> =
        page["timeline"].as_array().unwrap().iter().map(|e| e["message_zh"].as_str().unwrap()).collect();
    assert!(timeline[0].starts_with("退回修改：") && timeline[0].contains("毕业证编号无法辨别"), "{timeline:?}");
    assert!(timeline[1].starts_with("上报完成"), "{timeline:?}");
    let open: Vec<String> = materials(&page)
        .iter()
        .filter(|m| m["locked"] == false)
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(open.len(), 2);
    assert!(open.contains(&ids[1]) && open.contains(&ids[2]));
    let flagged = materials(&page).into_iter().find(|m| m["id"] == ids[2].as_str()).unwrap();
    assert_eq!(flagged["flag"]["reason"], "wrong_document");

    // The other three stay locked; nothing new, no deletion, no reordering.
    assert_eq!(error_kind(alice.replace(&ids[0], "id_card", 1, jpeg(120, 90)).await).await.1, "NotUnlocked");
    assert_eq!(error_kind(alice.upload("household", 1, "new.jpg", jpeg(120, 90)).await).await.1, "NotUnlocked");
    assert_eq!(error_kind(alice.call("delete_material", json!({ "id": ids[1] })).await).await.1, "NotUnlocked");

    let before = alice.get(&format!("/api/materials/{}/file", ids[2])).await.bytes().await.unwrap();
    for (id, category, seq) in [(&ids[1], "id_card", 2), (&ids[2], "education", 1)] {
        let response = alice.replace(id, category, seq, jpeg(160, 120)).await;
        assert_eq!(response.status(), 201, "replacement refused: {}", response.text().await.unwrap());
    }
    let after = alice.get(&format!("/api/materials/{}/file", ids[2])).await.bytes().await.unwrap();
    assert_ne!(before, after, "the picture now serves the new file");
    assert!(alice.save_application("000", json!({}), None, true).await.status().is_success());
    assert_eq!(alice.exam_page().await["state"], "resubmitted");
    assert!(
        materials(&alice.exam_page().await).iter().all(|m| m["locked"] == true),
        "resubmission locks everything again"
    );

    // Back in the queue, marked resubmitted, with old and new side by side.
    let (again, queue) = first_waiting(&reviewer).await;
    assert_eq!(
        (again, queue["rows"][0]["state"].as_str(), queue["rows"][0]["round"].as_i64()),
        (application, Some("resubmitted"), Some(2))
    );
    let sheet = reviewer.sheet(application).await;
    let replaced = material(&sheet, &ids[2]);
    assert_eq!(replaced["last_flag"]["comment"], "毕业证编号无法辨别");
    let old_url = replaced["previous"]["url"].as_str().expect("the old file is offered beside the new");
    assert_eq!(reviewer.get(old_url).await.bytes().await.unwrap(), before, "the old file is the one first uploaded");
    // To anyone else, the candidate herself included, it is as missing as someone else's file.
    assert_eq!(alice.get(old_url).await.status(), 404);
    assert_eq!(app.candidate(BOB).await.get(old_url).await.status(), 404);
    assert!(material(&sheet, &ids[0])["previous"].is_null(), "an untouched picture has no earlier version");
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success());

    // Hidden until the results time: the candidate still reads "submitted", no result, no notice.
    let page = alice.exam_page().await;
    assert_eq!((page["state"].as_str(), page["result"].is_null()), (Some("submitted"), true));
    assert!(!page["timeline"][0]["message_zh"].as_str().unwrap().contains("审核通过"));
    let notices: Value = alice.call("my_notifications", json!({})).await.json().await.unwrap();
    assert!(notices.as_array().unwrap().iter().all(|n| !n["message_zh"].as_str().unwrap().contains("审核通过")));

    app.clock.set(support::at("2099-01-01T00:00:00+08:00"));
    let page = alice.exam_page().await;
    assert_eq!((page["state"].as_str(), page["result"]["state"].as_str()), (Some("approved"), Some("approved")));
    assert!(page["timeline"][0]["message_zh"].as_str().unwrap().contains("审核通过"));
    let notices: Value = alice.call("my_notifications", json!({})).await.json().await.unwrap();
    assert!(notices[0]["message_zh"].as_str().unwrap().contains("审核通过"), "{notices}");
}

#[tokio::test]
async fn a_stale_decision_is_refused_with_who_got_there_first() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let first = app.reviewer().await;
    let second = app.new_reviewer(CAROL, &["000"]).await;
    let (application, _) = first_waiting(&first).await;
    let stale_version = first.sheet(application).await["version"].as_i64().unwrap();
    // The second reviewer takes over; the first one's screen is now stale.
    let taken: Value = second.open_application(application, true).await.json().await.unwrap();
    assert_eq!(taken["taken_by_me"], true);

    let (status, kind, body) = error_kind(first.decide(application, stale_version, json!("Approve")).await).await;
    assert_eq!((status, kind.as_str()), (409, "StaleDecision"));
    assert_eq!(body["StaleDecision"]["by"], "审核员");
    assert!(second
        .decide(
            application,
            taken["version"].as_i64().unwrap(),
            json!({ "Reject": { "reason": "学历不符合报考条件" } })
        )
        .await
        .status()
        .is_success());
    // Deciding again on the same version changes nothing either.
    let (status, kind, _) =
        error_kind(second.decide(application, taken["version"].as_i64().unwrap(), json!("Approve")).await).await;
    assert_eq!((status, kind.as_str()), (409, "StaleDecision"));
}

#[tokio::test]
async fn the_sheet_read_ahead_is_the_one_opening_gives_after_the_decision_and_takes_nothing() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    app.submitted_candidate(BOB).await;
    let first = app.reviewer().await;
    let second = app.new_reviewer(CAROL, &["000"]).await;
    let (alice, bob) = {
        let page: Value = first.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
        (page["rows"][0]["application_id"].as_i64().unwrap(), page["rows"][1]["application_id"].as_i64().unwrap())
    };
    let alice_sheet = first.sheet(alice).await;
    assert_eq!(alice_sheet["next"]["application_id"].as_i64(), Some(bob), "Bob's application is next");

    // Read ahead from Alice's screen: Bob's sheet as it will be once Alice's is decided, whose
    // "next" passes over hers.
    let foresee = || first.call("foresee_application", json!({ "id": bob, "leaving": alice }));
    let foreseen: Value = foresee().await.json().await.unwrap();
    assert_eq!((foreseen["taken_by_me"].as_bool(), foreseen["next"].is_null()), (Some(true), true));
    // Nothing was taken: the other reviewer opens Bob's and holds it, and reading ahead says so.
    let opened_by_second = second.sheet(bob).await;
    assert_eq!(opened_by_second["taken_by_me"], true);
    let held: Value = foresee().await.json().await.unwrap();
    assert_eq!((held["taken_by_me"].as_bool(), held["taken_by"].as_str()), (Some(false), Some("审核员")));

    // Once the hold has lapsed and Alice's is decided, what was read ahead is exactly what opening
    // gives (the version a decision names included), so the screen drawn from it is not drawn again.
    app.clock.set(app.clock_now() + chrono::Duration::minutes(31));
    let alice_sheet = first.sheet(alice).await;
    let foreseen: Value = foresee().await.json().await.unwrap();
    let decided = first.decide(alice, alice_sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "approval refused: {}", decided.text().await.unwrap());
    let opened = first.sheet(bob).await;
    assert_eq!(opened, foreseen);
    assert_eq!(opened["version"].as_i64(), Some(opened_by_second["version"].as_i64().unwrap() + 1));
    assert!(first.decide(bob, opened["version"].as_i64().unwrap(), json!("Approve")).await.status().is_success());
}

#[tokio::test]
async fn a_decision_that_breaks_a_rule_names_it_and_changes_nothing() {
    let app = spawn_app().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    let (_, bob_ids) = app.submitted_candidate(BOB).await;
    let reviewer = app.reviewer().await;
    let (application, _) = first_waiting(&reviewer).await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    for decision in [
        json!({ "Return": { "flags": [] } }),
        json!({ "Return": { "flags": [{ "material_id": bob_ids[0], "reason": "unclear", "comment": "" }] } }),
        json!({ "Return": { "flags": [{ "material_id": null, "reason": "other", "comment": " " }] } }),
        json!({ "Reject": { "reason": "" } }),
    ] {
        let (status, kind, _) = error_kind(reviewer.decide(application, version, decision.clone()).await).await;
        assert_eq!((status, kind.as_str()), (422, "DecisionInvalid"), "{decision}");
    }
    assert_eq!(alice.exam_page().await["state"], "submitted");
}

#[tokio::test]
async fn the_queue_filters_by_state_and_pages_by_keyset_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let mut submitted = Vec::new();
    for n in 0..53u64 {
        let id_number = format!("1101011990{:02}{:02}123", 1 + n / 28, 1 + n % 28);
        let checked = with_check_character(&id_number[..17]);
        let browser = app.candidate(&checked).await;
        for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
            browser.upload_ok(category, seq_no, jpeg(64, 48)).await;
        }
        assert!(browser.save_application("000", json!({}), None, true).await.status().is_success());
        submitted.push(checked);
    }
    let first: Value = reviewer.queue("000", json!("awaiting"), Value::Null).await.json().await.unwrap();
    assert_eq!(first["rows"].as_array().unwrap().len(), 50);
    let second: Value = reviewer.queue("000", json!("awaiting"), first["next"].clone()).await.json().await.unwrap();
    assert_eq!(second["rows"].as_array().unwrap().len(), 3);
    assert!(second["next"].is_null());
    let mut seen: Vec<i64> = first["rows"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["rows"].as_array().unwrap())
        .map(|r| r["application_id"].as_i64().unwrap())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 53);
    let counts = first["counts"].as_array().unwrap();
    assert!(counts.contains(&json!(["submitted", 53])), "{counts:?}");
    let returned: Value =
        reviewer.queue("000", json!({ "state": "returned" }), Value::Null).await.json().await.unwrap();
    assert!(returned["rows"].as_array().unwrap().is_empty());
}

/// The ISO 7064 check character, so tests can make as many valid ID numbers as they need.
fn with_check_character(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    format!("{first17}{}", "10X98765432".as_bytes()[(sum % 11) as usize] as char)
}

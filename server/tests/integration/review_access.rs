//! Who reaches what, role × action × owner: two candidates, a reviewer of this exam, a reviewer
//! of another exam, an administrator and someone not signed in, against every way in to an
//! application, its pictures and the records. Deny by default: each cell names what must happen.
use crate::support;

use serde_json::{json, Value};
use support::*;

/// What a cell of the matrix expects.
#[derive(Clone, Copy, Debug, PartialEq)]
enum May {
    Yes,
    /// Refused with this HTTP status.
    No(u16),
}
use May::{No, Yes};

struct People {
    alice: Browser,
    bob: Browser,
    reviewer: Browser,
    other_reviewer: Browser,
    admin: Browser,
    anonymous: Browser,
}

async fn people(app: &TestApp) -> (People, Vec<String>) {
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    let bob = app.candidate(BOB).await;
    let people = People {
        alice,
        bob,
        reviewer: app.reviewer().await,
        other_reviewer: app.new_reviewer(CAROL, &["004"]).await,
        admin: app.admin().await,
        anonymous: app.browser(),
    };
    (people, ids)
}

fn check(action: &str, who: &str, expected: May, status: u16) {
    match expected {
        Yes => assert!((200..300).contains(&status), "{action} by {who}: expected success, got {status}"),
        No(code) => assert_eq!(status, code, "{action} by {who}"),
    }
}

#[tokio::test]
async fn everyone_reaches_exactly_what_is_theirs() {
    let app = spawn_app().await;
    let (p, ids) = people(&app).await;
    let application = p.reviewer.first_waiting("000").await;
    let everyone: [(&str, &Browser); 6] = [
        ("alice", &p.alice),
        ("bob", &p.bob),
        ("reviewer", &p.reviewer),
        ("other reviewer", &p.other_reviewer),
        ("admin", &p.admin),
        ("anonymous", &p.anonymous),
    ];

    // Alice's picture: hers, and her exam's reviewers' and the administrator's; nobody else's.
    let material = format!("/api/materials/{}/file", ids[0]);
    for ((who, browser), expected) in everyone.iter().zip([Yes, No(404), Yes, No(404), Yes, No(401)]) {
        check("read alice's picture", who, expected, browser.get(&material).await.status().as_u16());
    }
    // The queue: reviewers of the exam and the administrator.
    for ((who, browser), expected) in everyone.iter().zip([No(403), No(403), Yes, No(403), Yes, No(401)]) {
        check(
            "read exam 000's queue",
            who,
            expected,
            browser.queue("000", json!("awaiting"), Value::Null).await.status().as_u16(),
        );
    }
    // The review screen and the full ID number.
    for ((who, browser), expected) in everyone.iter().zip([No(403), No(403), Yes, No(404), Yes, No(401)]) {
        check(
            "open alice's application",
            who,
            expected,
            browser.open_application(application, false).await.status().as_u16(),
        );
        check(
            "read alice's application ahead",
            who,
            expected,
            browser
                .call("foresee_application", json!({ "id": application, "leaving": application }))
                .await
                .status()
                .as_u16(),
        );
        check(
            "reveal alice's ID number",
            who,
            expected,
            browser.call("reveal_id_number", json!({ "id": application })).await.status().as_u16(),
        );
    }
    // A decision: only a reviewer of this exam (the admin too), and never by a stale hand.
    // The administrator takes it over on purpose: only the holder may decide (issue 10, item 11).
    let taken: Value = p.admin.open_application(application, true).await.json().await.unwrap();
    let version = taken["version"].as_i64().unwrap();
    for ((who, browser), expected) in
        everyone.iter().zip([No(403), No(403), No(409), No(404), No(409), No(401)]).take(4)
    {
        check(
            "decide on a version someone else took",
            who,
            expected,
            browser.decide(application, version - 1, json!("Approve")).await.status().as_u16(),
        );
    }
    // Candidates change only their own pictures (a submitted one not even that); to anyone else
    // the picture does not exist.
    for ((who, browser), expected) in everyone.iter().zip([No(409), No(404), No(404), No(404), No(404), No(401)]) {
        check(
            "delete alice's picture",
            who,
            expected,
            browser.call("delete_material", json!({ "id": ids[0] })).await.status().as_u16(),
        );
    }
    // Administration: administrators only.
    for ((who, browser), expected) in everyone.iter().zip([No(403), No(403), No(403), No(403), Yes, No(401)]) {
        check("read the audit log", who, expected, browser.call("admin_audit_log", json!({})).await.status().as_u16());
        check("export results", who, expected, browser.get("/api/admin/exams/000/results.csv").await.status().as_u16());
        check("list reviewers", who, expected, browser.call("admin_reviewers", json!({})).await.status().as_u16());
    }
    // A reviewer cannot make themselves a reviewer of another exam.
    let id = p.admin.call("admin_reviewers", json!({})).await.json::<Value>().await.unwrap()[0]["id"].as_i64().unwrap();
    let status = p
        .reviewer
        .call("admin_assign_reviewer", json!({ "reviewer_id": id, "exam_code": "004", "duty": "review" }))
        .await
        .status()
        .as_u16();
    check("assign oneself to an exam", "reviewer", No(403), status);
    // Notifications are each person's own: Bob sees none of Alice's.
    let decided = p
        .admin
        .decide(
            application,
            version,
            json!({ "Return": { "flags": [{ "material_id": ids[0], "reason": "not_upright", "comment": "" }] } }),
        )
        .await;
    assert!(decided.status().is_success());
    let alices: Value = p.alice.call("my_notifications", json!({})).await.json().await.unwrap();
    let bobs: Value = p.bob.call("my_notifications", json!({})).await.json().await.unwrap();
    assert_eq!((alices.as_array().unwrap().len(), bobs.as_array().unwrap().len()), (1, 0));
}

#[tokio::test]
async fn role_changes_decisions_unlocks_and_failed_logins_are_audited_with_actor_and_time() {
    let app = spawn_app().await;
    let before = app.clock_now();
    let (alice, ids) = app.submitted_candidate(ALICE).await;
    drop(alice);
    app.new_reviewer(DAVE, &["000"]).await;
    assert_eq!(app.browser().log_in(ALICE, "wrong-password-1").await.status(), 401);
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[3], "reason": "incomplete", "comment": "缺第二页" }]);
    assert!(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await.status().is_success());

    let log: Value = app.admin().await.call("admin_audit_log", json!({})).await.json().await.unwrap();
    let actions: Vec<(&str, &str)> =
        log.as_array().unwrap().iter().map(|r| (r["action"].as_str().unwrap(), r["actor"].as_str().unwrap())).collect();
    assert_eq!(actions[0], ("decision", "王审核 (110***********7897)"));
    assert_eq!(actions[1], ("unlock", "王审核 (110***********7897)"));
    assert_eq!(actions[2], ("failed_login", "anonymous"));
    assert!(actions.contains(&("role_change", "赵管理 (440***********456X)")), "{actions:?}");
    let failed = &log.as_array().unwrap()[2];
    assert_eq!(failed["target"], "110***********002X", "the typed number is kept masked");
    assert!(shown_between(&log[0]["at"], before, app.clock_now()), "{}", log[0]["at"]);
}

//! The server, not the screen, enforces who may decide and when: only the reviewer holding an
//! application decides it, and nothing is returned for revision once review has closed.
use crate::support;

use serde_json::json;
use support::*;

#[tokio::test]
async fn someone_who_does_not_hold_the_application_cannot_decide_it() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let holder = app.reviewer().await;
    let application = holder.first_waiting("000").await;
    let version = holder.sheet(application).await["version"].as_i64().unwrap();

    // The administrator reviews every exam, but did not take this one; with the holder's version
    // in hand the decision is still refused.
    let admin = app.admin().await;
    let (status, kind, body) = error_kind(admin.decide(application, version, json!("Approve")).await).await;
    assert_eq!((status, kind.as_str()), (409, "StaleDecision"), "{body}");
    assert_eq!(body["StaleDecision"]["by"], "王审核");

    assert!(holder.decide(application, version, json!("Approve")).await.status().is_success(), "the holder decides");
}

#[tokio::test]
async fn nothing_is_returned_for_revision_after_review_closes() {
    let app = spawn_app().await;
    let (_, ids) = app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    app.clock.set(app.clock_now() + chrono::Duration::days(46));
    let version = reviewer.sheet(application).await["version"].as_i64().unwrap();
    let flags = json!([{ "material_id": ids[0], "reason": "unclear", "comment": "" }]);
    let (status, kind, body) =
        error_kind(reviewer.decide(application, version, json!({ "Return": { "flags": flags } })).await).await;
    assert_eq!((status, kind.as_str()), (422, "DecisionInvalid"), "{body}");
    assert!(body.to_string().contains("不能再退回修改"), "{body}");
    assert!(
        reviewer
            .decide(application, version, json!({ "Reject": { "reason": "逾期未补正" } }))
            .await
            .status()
            .is_success(),
        "a final decision is still possible"
    );
}

#[tokio::test]
async fn loading_the_review_page_takes_nothing_until_the_browser_asks() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;
    let page = reviewer.get(&format!("/review/applications/{application}")).await;
    assert_eq!(page.status(), 200);

    let admin = app.admin().await;
    let sheet = admin.sheet(application).await;
    assert_eq!(
        (sheet["taken_by_me"].as_bool(), sheet["taken_by"].as_str()),
        (Some(true), Some("赵管理")),
        "the GET took nothing, so the next to open it takes it"
    );
}

//! Races the database settles, not luck: parallel uploads never pass a category's maximum, and
//! whatever races 提交审核 either lands before it (and is locked with it) or is refused.
use crate::support;

use serde_json::{json, Value};
use support::*;

/// Open a year around now; one category of at most three pictures, one without a maximum.
fn limited_exam(app: &TestApp) -> String {
    open_exam(
        app,
        "910",
        "",
        r#"
[[categories]]
code = "diploma"
name_zh = "学历证书"
name_en = "Diplomas"
[categories.rules]
max_count = 3
[[categories]]
code = "other"
name_zh = "其他"
name_en = "Other"
"#,
    )
}

async fn entered(app: &TestApp, id_number: &str) -> Browser {
    let browser = app.new_candidate(id_number).await;
    assert!(browser.call("accept_pledge", json!({ "code": "910" })).await.status().is_success());
    browser
}

#[tokio::test]
async fn parallel_uploads_never_pass_the_maximum() {
    let app = spawn_app().await;
    app.add_exam(&limited_exam(&app)).await;
    let alice = entered(&app, ALICE).await;
    let uploads =
        (1..=8u32).map(|seq_no| alice.upload_to("910", "diploma", seq_no, "d.jpg", samples::jpeg(100 + seq_no, 90)));
    let statuses: Vec<u16> = futures_statuses(uploads).await;
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 422), "{statuses:?}");
    let page = alice.exam_page_of("910").await;
    assert_eq!(page["categories"][0]["materials"].as_array().unwrap().len(), 3);
    assert_eq!(app.blob_files().await.len(), 3, "refused uploads leave no file behind");
}

async fn futures_statuses(
    requests: impl Iterator<Item = impl std::future::Future<Output = reqwest::Response>>,
) -> Vec<u16> {
    let handles: Vec<_> = requests.collect();
    let mut statuses = Vec::new();
    for response in join_all(handles).await {
        statuses.push(response.status().as_u16());
    }
    statuses
}

/// Runs the futures at once and waits for all of them.
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in pinned.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(|o| o.expect("every future finished")).collect()
}

#[tokio::test]
async fn whatever_races_the_submission_is_locked_with_it_or_refused() {
    let app = spawn_app().await;
    app.add_exam(&limited_exam(&app)).await;
    for (round, id_number) in [ALICE, BOB, CAROL, DAVE].into_iter().enumerate() {
        let browser = entered(&app, id_number).await;
        let first = browser.upload_to("910", "other", 1, "o.jpg", samples::jpeg(120, 90)).await;
        assert_eq!(first.status(), 201);
        let first: Value = first.json().await.unwrap();
        let id = first["id"].as_str().unwrap().to_string();

        let submit = browser.save_application("910", json!({}), None, true);
        let upload = browser.upload_to("910", "other", 2, "o2.jpg", samples::jpeg(121 + round as u32, 90));
        let draft = browser.save_application("910", json!({}), None, false);
        let delete = browser.call("delete_material", json!({ "id": id }));
        let (submitted, uploaded, drafted, deleted) = tokio::join!(submit, upload, draft, delete);
        let statuses = [
            submitted.status().as_u16(),
            uploaded.status().as_u16(),
            drafted.status().as_u16(),
            deleted.status().as_u16(),
        ];

        let page = browser.exam_page_of("910").await;
        let materials: Vec<Value> = page["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["materials"].as_array().unwrap().clone())
            .collect();
        match page["state"].as_str().unwrap() {
            "submitted" => {
                assert!(
                    materials.iter().all(|m| m["locked"] == true),
                    "round {round}: a picture stayed changeable after submission: {statuses:?} {materials:?}"
                );
            }
            "draft" => assert_ne!(
                statuses[0], 200,
                "the page says draft, so the submission must have been refused: {statuses:?}"
            ),
            other => panic!("unexpected state {other}"),
        }
        for status in statuses {
            assert!([200, 201, 409, 422].contains(&status), "round {round}: {statuses:?}");
        }
    }
}

/// On SQLite a plain transaction that read first is refused at its first write (BUSY_SNAPSHOT: a
/// 503 to the person) when another connection wrote meanwhile; one begun to write holds the lock,
/// and the other writer waits its turn. Both land, in either database.
#[tokio::test]
async fn a_transaction_that_reads_before_it_writes_is_not_refused_for_another_writer() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let db = app.state.db.clone();
    db.execute_unprepared("CREATE TABLE race_probe (n INTEGER NOT NULL)").await.unwrap();
    let txn = app::ssr::infra::write_transaction::begin_write(&db).await.unwrap();
    txn.execute_unprepared("SELECT count(*) FROM race_probe").await.unwrap();
    let other = tokio::spawn({
        let db = db.clone();
        async move { db.execute_unprepared("INSERT INTO race_probe (n) VALUES (1)").await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    txn.execute_unprepared("INSERT INTO race_probe (n) VALUES (2)").await.expect("the transaction's write");
    txn.commit().await.unwrap();
    other.await.unwrap().expect("the other connection's write");
    let rows = db
        .query_one(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT count(*) AS n FROM race_probe"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rows.try_get::<i64>("", "n").unwrap(), 2);
}

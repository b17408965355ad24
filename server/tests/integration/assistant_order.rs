//! Which pictures the reviewer's assistant looks at first: those of applications waiting for a
//! reviewer, oldest first, before any draft's, however much older the drafts' are. The rows are
//! made on a database of their own, so no assistant at work beside the test takes them first.

use app::ssr::assistant::picture_assistant::waiting_pictures;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

async fn migrated(path: &std::path::Path) -> DatabaseConnection {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
    // One connection, so that the pragma below holds for every statement.
    options.max_connections(1).min_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    // The pictures and applications alone matter here, not the accounts and exams they name.
    run(&db, "PRAGMA foreign_keys = OFF").await;
    db
}

async fn run(db: &DatabaseConnection, sql: &str) {
    db.execute(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap();
}

async fn application(db: &DatabaseConnection, user: i64, state: &str) {
    run(
        db,
        &format!(
            "INSERT INTO applications (user_id, exam_code, state, form, updated_at, review_version, round, form_unlocked) \
             VALUES ({user}, '004', '{state}', '{{}}', '2026-12-01T01:00:00+00:00', 0, 1, false)"
        ),
    )
    .await;
}

async fn picture(db: &DatabaseConnection, name: &str, user: i64, seq_no: i32, stored_at: &str) {
    run(
        db,
        &format!(
            "INSERT INTO materials (id, user_id, exam_code, category, seq_no, blob_key, format, width, height, bytes, original_name, created_at) \
             VALUES ('{name}', {user}, '004', 'diploma', {seq_no}, '{name}.jpg', 'jpg', 1654, 2339, 500000, '{name}.jpg', '{stored_at}')"
        ),
    )
    .await;
}

async fn looked_at_first(db: &DatabaseConnection) -> Vec<String> {
    waiting_pictures(db, None).await.unwrap().into_iter().map(|picture| picture.id.0).collect()
}

#[tokio::test]
async fn pictures_a_reviewer_opens_next_are_looked_at_before_older_drafts() {
    let folder = tempfile::tempdir().unwrap();
    let db = migrated(&folder.path().join("order.db")).await;
    // Three candidates: one still writing, one who submitted, one who resubmitted after a return.
    application(&db, 1, "draft").await;
    application(&db, 2, "submitted").await;
    application(&db, 3, "resubmitted").await;
    picture(&db, "draft-early", 1, 1, "2026-12-01T01:00:00+00:00").await;
    picture(&db, "resubmitted", 3, 1, "2026-12-01T01:05:00+00:00").await;
    picture(&db, "submitted", 2, 1, "2026-12-01T01:10:00+00:00").await;
    picture(&db, "draft-late", 1, 2, "2026-12-01T01:15:00+00:00").await;
    // A picture of an account with no application to this exam (one since withdrawn): a draft's place.
    picture(&db, "no-application", 4, 1, "2026-12-01T00:55:00+00:00").await;

    assert_eq!(looked_at_first(&db).await, ["resubmitted", "submitted"], "the reviewers' first, oldest first");
    run(
        &db,
        "INSERT INTO picture_findings (blob_key, looked_at) VALUES ('resubmitted.jpg', '2026-12-01T02:00:00+00:00')",
    )
    .await;
    run(
        &db,
        "INSERT INTO picture_findings (blob_key, looked_at) VALUES ('submitted.jpg', '2026-12-01T02:00:00+00:00')",
    )
    .await;
    assert_eq!(
        looked_at_first(&db).await,
        ["no-application", "draft-early", "draft-late"],
        "then every other picture, oldest first"
    );
}

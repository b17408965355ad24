//! The words a database kept from before issue 70's renames are renamed by migrations 44 and 45:
//! staff named for an exam's on-site check alone ('desk' → 'on_site'), two audit actions and a
//! payment notice's outcome ('refunded_at_provider' → 'refunded_at_gateway'); taken back, they
//! read as before. Rows written with the old words are made on the schema of migration 43.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

/// How many migrations there were before the words changed.
const BEFORE_THE_RENAMES: u32 = 43;

async fn one_connection(path: &std::path::Path) -> DatabaseConnection {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
    // One connection, so that the pragma below holds for every statement.
    options.max_connections(1).min_connections(1).sqlx_logging(false);
    Database::connect(options).await.unwrap()
}

async fn run(db: &DatabaseConnection, sql: &str) {
    db.execute(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap();
}

async fn one_text(db: &DatabaseConnection, sql: &str) -> String {
    let row = db.query_one(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap().unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

async fn stored_words(db: &DatabaseConnection) -> [String; 3] {
    [
        one_text(db, "SELECT duty FROM reviewer_assignments").await,
        one_text(db, "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log ORDER BY id)").await,
        one_text(db, "SELECT outcome FROM payment_notices").await,
    ]
}

#[tokio::test]
async fn the_old_words_a_database_kept_are_renamed_and_taken_back_with_their_migrations() {
    let folder = tempfile::tempdir().unwrap();
    let db = one_connection(&folder.path().join("words.db")).await;
    Migrator::up(&db, Some(BEFORE_THE_RENAMES)).await.unwrap();
    // The rows alone matter here, not the users and exams they name.
    run(&db, "PRAGMA foreign_keys = OFF").await;
    run(&db, "INSERT INTO reviewer_assignments (user_id, exam_code, assigned_at, duty) VALUES (7, '004', '2026-11-28T09:00:00+00:00', 'desk')").await;
    for action in ["desk_lookup", "desk_ticks", "decision"] {
        run(&db, &format!("INSERT INTO audit_log (at, actor_id, actor, action, target, detail) VALUES ('2026-11-28T09:00:00+00:00', 7, '王审核', '{action}', 'application 1', '')")).await;
    }
    run(&db, "INSERT INTO payment_notices (gateway, notice_id, order_no, txn, amount_fen, outcome, received_at, body) VALUES ('wechatpay', 'n1', 'o1', 't1', 10000, 'refunded_at_provider', '2026-11-28T09:00:00+00:00', '{}')").await;

    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        stored_words(&db).await,
        ["on_site".to_string(), "on_site_lookup,on_site_ticks,decision".to_string(), "refunded_at_gateway".to_string()]
    );

    Migrator::down(&db, Some(Migrator::migrations().len() as u32 - BEFORE_THE_RENAMES)).await.unwrap();
    assert_eq!(
        stored_words(&db).await,
        ["desk".to_string(), "desk_lookup,desk_ticks,decision".to_string(), "refunded_at_provider".to_string()]
    );
}

//! Every table a backup holds, as rows any database can take back: each row serialised as its
//! SeaORM model (so a backup of SQLite restores into PostgreSQL and the other way), read inside
//! one transaction (one consistent moment), and inserted again in an order that satisfies the
//! foreign keys. Sessions are not kept: after a restore everyone signs in again.

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, EntityName, EntityTrait, IntoActiveModel, PrimaryKeyTrait, Statement,
};
use serde_json::{Map, Value};

use app::ssr::entities::*;

/// Rows inserted at once (well inside both databases' limits on a statement's parameters).
const ROWS_PER_INSERT: usize = 100;

macro_rules! tables {
    ($($entity:ident),* $(,)?) => {
        /// The tables in an order that satisfies every foreign key (parents first).
        pub const TABLES: &[&str] = &[$(stringify!($entity)),*];

        /// Every row of every table, as `conn` (a transaction) sees them.
        pub async fn dump(conn: &impl ConnectionTrait) -> Result<Map<String, Value>, String> {
            let mut tables = Map::new();
            $(
                let rows = $entity::Entity::find().all(conn).await.map_err(|e| format!("{}: {e}", stringify!($entity)))?;
                tables.insert(stringify!($entity).to_string(), serde_json::to_value(rows).map_err(|e| e.to_string())?);
            )*
            Ok(tables)
        }

        /// Inserts every row of `tables` into `conn`'s empty tables, parents first.
        pub async fn load(conn: &impl ConnectionTrait, tables: &Map<String, Value>) -> Result<(), String> {
            $(
                let rows: Vec<$entity::Model> = match tables.get(stringify!($entity)) {
                    Some(rows) => serde_json::from_value(rows.clone()).map_err(|e| format!("{}: {e}", stringify!($entity)))?,
                    None => Vec::new(),
                };
                for chunk in rows.chunks(ROWS_PER_INSERT) {
                    let models = chunk.iter().cloned().map(|row| row.into_active_model().reset_all());
                    $entity::Entity::insert_many(models)
                        .exec_without_returning(conn)
                        .await
                        .map_err(|e| format!("{}: {e}", stringify!($entity)))?;
                }
                if <$entity::PrimaryKey as PrimaryKeyTrait>::auto_increment() {
                    continue_numbering(conn, $entity::Entity.table_name()).await?;
                }
            )*
            Ok(())
        }

        /// The database tables of each entity listed here.
        pub fn table_names() -> Vec<&'static str> {
            vec![$($entity::Entity.table_name()),*]
        }
    };
}

tables![
    installation_secret,
    user,
    exam,
    exam_example,
    document_template,
    eligible_candidate,
    told_number,
    reviewer_assignment,
    application,
    application_event,
    material,
    material_thumbnail,
    material_version,
    picture_finding,
    picture_page_marks,
    similar_picture,
    advice_receipt,
    review_flag,
    seat_assignment,
    exam_score,
    score_release,
    on_site_check,
    payment_order,
    payment_notice,
    notice_acceptance,
    notification,
    outbox_message,
    recovery_code,
    mobile_code,
    second_factor,
    second_factor_recovery_code,
    provider_identity,
    official_account_binding,
    set_aside_account,
    ticket_key,
    audit_entry,
    idempotency_key,
];

/// PostgreSQL numbers new rows from a sequence that inserting explicit ids does not move: moved
/// past the restored rows, so the next row does not collide with one. (SQLite numbers from the
/// table's largest id by itself.)
async fn continue_numbering(conn: &impl ConnectionTrait, table: &str) -> Result<(), String> {
    if conn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \"{table}\""
    );
    conn.execute(Statement::from_string(DbBackend::Postgres, sql)).await.map_err(|e| format!("{table}: {e}"))?;
    Ok(())
}

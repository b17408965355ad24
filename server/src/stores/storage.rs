//! Where the server keeps things, chosen by configuration: the database (SQLite file by default,
//! PostgreSQL for the scale path), migrated once however many servers start together, and the
//! blob store (a folder by default, an S3-compatible bucket for the scale path).

use std::sync::Arc;
use std::time::Duration;

use app::ssr::infra::blob_store::{BlobStore, LocalBlobStore};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};

use crate::config::Config;
use crate::stores::guarded_blob_store::GuardedBlobStore;
use crate::stores::object_blob_store::ObjectBlobStore;

/// Whatever stopped the database or the store from opening, said in the server's log. (The same
/// type as `startup::StartupError`, named here so this module does not import the one that uses it.)
pub type StorageError = Box<dyn std::error::Error + Send + Sync>;

/// The number every Zige server takes the migration lock under (PostgreSQL advisory locks are
/// keyed by one 64-bit number per database): "zige" in ASCII.
const MIGRATION_LOCK: i64 = 0x7a69_6765;

/// The configured database with the data folder (where the SQLite file lives by default) created
/// first; migrated when the configuration says so, else checked to be up to date.
pub async fn open_database(config: &Config) -> Result<DatabaseConnection, StorageError> {
    tokio::fs::create_dir_all(&config.data_dir).await?;
    let db = connect_within(&config.database_url(), config.storage_deadline()).await?;
    crate::stores::private_files::narrow_data_folder(&config.data_dir);
    if config.migrate_on_start {
        migrate(&db).await?;
    } else {
        let pending = Migrator::get_pending_migrations(&db).await?.len();
        if pending > 0 {
            return Err(format!("the database is {pending} migration(s) behind: run `server migrate` first").into());
        }
    }
    Ok(db)
}

/// A connection pool on `url`, not migrated.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StorageError> {
    connect_within(url, Config::default().storage_deadline()).await
}

/// A connection pool on `url` whose requests wait at most `deadline` for a connection (a
/// database restarting or gone: they are answered 503 then, not held for sqlx's 30 s).
async fn connect_within(url: &str, deadline: Duration) -> Result<DatabaseConnection, StorageError> {
    let mut options = ConnectOptions::new(url.to_string());
    options.sqlx_logging(false).max_connections(16).acquire_timeout(deadline);
    if url.starts_with("postgres") {
        return connect_postgres(url, options, deadline).await;
    }
    options.map_sqlx_sqlite_opts(|o| {
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        // WAL lets page loads read while an upload writes; FULL sync keeps committed rows
        // through a power cut, matching the fsync'ed blobs.
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
    });
    Ok(Database::connect(options).await?)
}

/// PostgreSQL's pool as SeaORM would make it from `options`, but for the connections handed back
/// while the database is known not to answer: sqlx pings each before reuse, and a request cut
/// short mid-query (`storage_overtime`) leaves one whose answer never comes, which that ping would
/// wait on for ever, its place in the pool lost. Such a connection gets the deadline, and is
/// closed when it does not answer within it.
async fn connect_postgres(
    url: &str,
    options: ConnectOptions,
    deadline: Duration,
) -> Result<DatabaseConnection, StorageError> {
    use sea_orm::sqlx::postgres::{PgConnectOptions, Postgres};
    use sea_orm::sqlx::{ConnectOptions as _, Connection};
    let pool = options
        .sqlx_pool_options::<Postgres>()
        .after_release(move |connection, _| {
            Box::pin(async move {
                if !app::ssr::infra::store_health::is_down(app::ssr::infra::store_health::DATABASE) {
                    return Ok(true);
                }
                Ok(matches!(tokio::time::timeout(deadline, connection.ping()).await, Ok(Ok(()))))
            })
        })
        .connect_with(url.parse::<PgConnectOptions>()?.disable_statement_logging())
        .await?;
    Ok(sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool))
}

/// Applies pending migrations. On PostgreSQL under an advisory lock held on one connection of
/// the pool: a second server starting at the same moment waits, then finds nothing to do.
/// A SQLite file has one server by design.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StorageError> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(Migrator::up(db, None).await?);
    }
    let mut held = db.get_postgres_connection_pool().acquire().await?;
    sea_orm::sqlx::query("SELECT pg_advisory_lock($1)").bind(MIGRATION_LOCK).execute(&mut *held).await?;
    let migrated = Migrator::up(db, None).await;
    sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)").bind(MIGRATION_LOCK).execute(&mut *held).await?;
    Ok(migrated?)
}

/// The configured blob store: the folder in `data_dir`, or the bucket `blob_url` names; each
/// operation within the storage deadline (`GuardedBlobStore`).
pub async fn open_blob_store(config: &Config) -> Result<Arc<dyn BlobStore>, StorageError> {
    let deadline = config.storage_deadline();
    let store: Arc<dyn BlobStore> = match config.blob_url.as_deref() {
        None => Arc::new(LocalBlobStore::open(config.blob_dir()).await?),
        Some(url) if url.starts_with("s3://") => {
            Arc::new(ObjectBlobStore::open(url, config.blob_endpoint.as_deref(), deadline)?)
        }
        Some(other) => return Err(format!("ZIGE_BLOB_URL must be s3://bucket[/prefix], not {other:?}").into()),
    };
    Ok(Arc::new(GuardedBlobStore::new(store, deadline)))
}

//! A transaction that will write, begun holding the database's write lock. In SQLite's WAL mode a
//! plain transaction reads from a snapshot, and its first write is refused at once (BUSY_SNAPSHOT,
//! no waiting, a 503 to the person) when another connection wrote since it began: the outbox
//! worker marking a text sent while an administrator gives more days was enough. A transaction
//! that takes the lock first waits its turn instead (the connection's busy timeout). PostgreSQL
//! locks rows, not the database: there it is a plain transaction.

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, TransactionTrait};

/// Begins a transaction that will write; use it for every transaction that writes.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<DatabaseTransaction, DbErr> {
    #[allow(clippy::disallowed_methods)] // the one place a transaction begins
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Sqlite {
        // SeaORM 1.1 cannot say BEGIN IMMEDIATE; a write that changes nothing takes the same lock
        // (SQLite locks for a DELETE before it looks at its WHERE).
        txn.execute_unprepared("DELETE FROM seaql_migrations WHERE 0").await?;
    }
    Ok(txn)
}

//! The outbox's bookkeeping for the worker that sends it: claiming the rows that are due so no
//! other worker sends them, and recording success or failure. The sending itself lives in the
//! server crate (SMTP, the SMS gateway).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::error::AppError;
use crate::ssr::entities::outbox_message;
use crate::ssr::infra::write_transaction::begin_write;

/// Takes up to `limit` rows whose time has come and that nobody holds, for `lease`: no other
/// worker, on this server or another, gets them until then.
pub async fn claim_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, AppError> {
    match db.get_database_backend() {
        DbBackend::Postgres => claim_skipping_locked(db, now, lease, limit).await,
        _ => claim_one_by_one(db, now, lease, limit).await,
    }
}

/// PostgreSQL: the rows are chosen `FOR UPDATE SKIP LOCKED` and claimed in the same transaction,
/// so the workers of several servers take disjoint batches without waiting on each other.
async fn claim_skipping_locked(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, AppError> {
    let txn = begin_write(db).await.map_err(claim_failed)?;
    let rows = due(now, limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await
        .map_err(claim_failed)?;
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(now + lease))
        .filter(outbox_message::Column::Id.is_in(rows.iter().map(|row| row.id)))
        .exec(&txn)
        .await
        .map_err(claim_failed)?;
    txn.commit().await.map_err(claim_failed)?;
    Ok(rows)
}

/// SQLite has no row locks (and one server by design): each row is claimed by an update that
/// repeats the conditions, so of two workers reading the same row only one takes it.
async fn claim_one_by_one(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, AppError> {
    let mut claimed = Vec::new();
    for row in due(now, limit).all(db).await.map_err(claim_failed)? {
        let taken = outbox_message::Entity::update_many()
            .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(now + lease))
            .filter(outbox_message::Column::Id.eq(row.id))
            .filter(outbox_message::Column::SentAt.is_null())
            .filter(outbox_message::Column::GivenUpAt.is_null())
            .filter(unclaimed(now))
            .exec(db)
            .await
            .map_err(claim_failed)?;
        if taken.rows_affected == 1 {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

/// Rows whose time has come and that nobody holds, oldest first.
fn due(now: DateTime<Utc>, limit: u64) -> sea_orm::Select<outbox_message::Entity> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::GivenUpAt.is_null())
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .filter(outbox_message::Column::NotBefore.lte(now))
        .filter(unclaimed(now))
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
}

fn claim_failed(e: sea_orm::DbErr) -> AppError {
    crate::ssr::internal("outbox claim", e)
}

fn unclaimed(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(outbox_message::Column::ClaimedUntil.is_null())
        .add(outbox_message::Column::ClaimedUntil.lt(now))
}

/// Records that the mail server or gateway accepted the message, inside the caller's
/// transaction: a listed candidate's text starts their own days in the same one (seed 004,
/// `exams::told_numbers::text_accepted`), as the outbox row is purged after its keeping time.
pub async fn mark_sent(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::SentAt, Expr::value(now))
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_message::Column::Attempts, Expr::col(outbox_message::Column::Attempts).add(1))
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records the failure and when to try again: the wait doubles with each attempt, up to `max_wait`.
pub async fn mark_failed(
    db: &DatabaseConnection,
    row: &outbox_message::Model,
    now: DateTime<Utc>,
    error: &str,
    first_wait: Duration,
    max_wait: Duration,
) -> Result<(), AppError> {
    let doublings = row.attempts.clamp(0, 16) as u32;
    let wait = (first_wait * 2i32.pow(doublings)).min(max_wait);
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Attempts, Expr::value(row.attempts + 1))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now + wait))
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_message::Column::LastError, Expr::value(kept_error(error)))
        .filter(outbox_message::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// A failure's words as the row keeps them: enough to tell what went wrong, bounded.
fn kept_error(text: &str) -> String {
    text.chars().take(500).collect()
}

/// Stops trying: the gateway refused the message for good, or it may already have gone. The row
/// stays, with its reason, for administrators (`undelivered`).
pub async fn give_up(db: &DatabaseConnection, id: i32, now: DateTime<Utc>, reason: &str) -> Result<(), AppError> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::GivenUpAt, Expr::value(now))
        .col_expr(outbox_message::Column::Attempts, Expr::col(outbox_message::Column::Attempts).add(1))
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_message::Column::LastError, Expr::value(kept_error(reason)))
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// How many messages are due and not yet sent, per channel (a result held for its results time
/// is not due yet; a message given up is not waiting), for `/metrics`.
pub async fn backlog(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Vec<(String, i64)>, AppError> {
    Ok(outbox_message::Entity::find()
        .select_only()
        .column(outbox_message::Column::Channel)
        .column_as(outbox_message::Column::Id.count(), "waiting")
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::GivenUpAt.is_null())
        .filter(outbox_message::Column::NotBefore.lte(now))
        .group_by(outbox_message::Column::Channel)
        .into_tuple()
        .all(db)
        .await?)
}

//! Exactly-once actions: a phone that queued an upload, a delete or a 暂存 while offline sends it
//! with a key it made (`Idempotency-Key`) and may send it again when it never saw the answer. The
//! first request with a key runs and its answer is kept; a repeat with the same content gets that
//! answer again, the same key with other content is refused, and a repeat while the first still
//! runs is told to wait. Keys belong to an account, so one person's key never answers another's
//! request. An answer that says "not done, try again" (rate limit, busy, full, broken) is not kept:
//! the action did not happen, so the next try runs it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, SqlErr};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::entities::idempotency_key;

/// Longer than any action runs (an upload waits at most 20 s for decode memory).
pub const ABANDONED_AFTER: chrono::Duration = chrono::Duration::minutes(2);

/// What to do with a request that carries a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Arrival {
    /// The key is new: run the action, then `keep` its answer (or `release` the key).
    First,
    /// The action already ran: give this answer again.
    Repeat { status: u16, content_type: Option<String>, body: Vec<u8> },
}

/// A key is one the browser made: 8 to 64 letters, digits, `-` or `_` (a UUID fits).
pub fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Records the key as running, or says how an earlier request with it ended.
pub async fn arrive(
    db: &DatabaseConnection,
    user_id: UserId,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Arrival, AppError> {
    let row = idempotency_key::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_string()),
        request_hash: Set(request_hash.to_string()),
        status: Set(None),
        content_type: Set(None),
        body: Set(None),
        created_at: Set(now),
    };
    match idempotency_key::Entity::insert(row).exec_without_returning(db).await {
        Ok(_) => return Ok(Arrival::First),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {}
        Err(e) => return Err(crate::ssr::internal("idempotency insert", e)),
    }
    let earlier = idempotency_key::Entity::find_by_id((user_id, key.to_string()))
        .one(db)
        .await?
        // Released between our insert and this read: the other try failed; this one may run.
        .ok_or(AppError::ActionInProgress)?;
    if earlier.request_hash != request_hash {
        return Err(AppError::ActionKeyReused);
    }
    match (earlier.status, earlier.body) {
        (Some(status), Some(body)) => Ok(Arrival::Repeat {
            status: u16::try_from(status).unwrap_or(500),
            content_type: earlier.content_type,
            body,
        }),
        _ if take_over_abandoned(db, user_id, key, now).await? => Ok(Arrival::First),
        _ => Err(AppError::ActionInProgress),
    }
}

/// An action still "running" after `ABANDONED_AFTER` died with its server (a crash, a restart):
/// the first repeat to notice takes the key over and runs the action again. An upload that did
/// commit before the crash then finds its place taken and says so; nothing is stored twice.
async fn take_over_abandoned(
    db: &DatabaseConnection,
    user_id: UserId,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let taken = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::CreatedAt, Expr::value(now))
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::Status.is_null())
        .filter(idempotency_key::Column::CreatedAt.lt(now - ABANDONED_AFTER))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Keeps the first answer for repeats.
pub async fn keep(
    db: &DatabaseConnection,
    user_id: UserId,
    key: &str,
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
) -> Result<(), AppError> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Status, Expr::value(i32::from(status)))
        .col_expr(idempotency_key::Column::ContentType, Expr::value(content_type))
        .col_expr(idempotency_key::Column::Body, Expr::value(body))
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the key of an action that did not happen, so the next try runs it.
pub async fn release(db: &DatabaseConnection, user_id: UserId, key: &str) -> Result<(), AppError> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets keys older than `cutoff` (the hourly sweep passes a week ago); returns how many.
pub async fn forget_before(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> Result<u64, AppError> {
    let result =
        idempotency_key::Entity::delete_many().filter(idempotency_key::Column::CreatedAt.lt(cutoff)).exec(db).await?;
    Ok(result.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_what_a_browser_makes_and_nothing_else() {
        assert!(valid_key("0b8e4c1e-6f1a-4d1e-9c1a-2f0e5b7d9a31"));
        assert!(!valid_key("short"));
        assert!(!valid_key("has space in it"));
        assert!(!valid_key(&"x".repeat(65)));
    }
}

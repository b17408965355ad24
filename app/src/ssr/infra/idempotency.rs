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

/// One request's hold on a key: whose action, the key, and which run (drawn as the request
/// arrives). A run books or lets go of its own row only, never one a later request with the same
/// key has taken over since.
#[derive(Clone, Debug)]
pub struct KeyRun {
    pub user_id: UserId,
    pub key: String,
    run_token: String,
}

impl KeyRun {
    pub fn arriving(user_id: UserId, key: String) -> KeyRun {
        KeyRun { user_id, key, run_token: uuid::Uuid::new_v4().to_string() }
    }

    /// The key's row, whichever run holds it.
    fn key_row(&self) -> sea_orm::Condition {
        sea_orm::Condition::all()
            .add(idempotency_key::Column::UserId.eq(self.user_id))
            .add(idempotency_key::Column::Key.eq(self.key.as_str()))
    }

    /// The key's row, if this run still holds it.
    fn its_row(&self) -> sea_orm::Condition {
        self.key_row().add(idempotency_key::Column::RunToken.eq(self.run_token.as_str()))
    }
}

/// Whether `arrive` refused the request with the key left as it was (another run holds it, or it
/// was used for other content). Any other failure may have left this run's row booked behind an
/// answer the database never gave (a restart mid-query): `release` it once the database answers.
pub fn refused_untouched(error: &AppError) -> bool {
    matches!(error, AppError::ActionInProgress | AppError::ActionKeyReused)
}

/// Records the key as running, or says how an earlier request with it ended.
pub async fn arrive(
    db: &DatabaseConnection,
    run: &KeyRun,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Arrival, AppError> {
    let row = idempotency_key::ActiveModel {
        user_id: Set(run.user_id),
        key: Set(run.key.clone()),
        request_hash: Set(request_hash.to_string()),
        status: Set(None),
        content_type: Set(None),
        body: Set(None),
        created_at: Set(now),
        run_token: Set(run.run_token.clone()),
    };
    match idempotency_key::Entity::insert(row).exec_without_returning(db).await {
        Ok(_) => return Ok(Arrival::First),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {}
        Err(e) => return Err(crate::ssr::internal("idempotency insert", e)),
    }
    let earlier = idempotency_key::Entity::find_by_id((run.user_id, run.key.clone()))
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
        _ if take_over_abandoned(db, run, now).await? => Ok(Arrival::First),
        _ => Err(AppError::ActionInProgress),
    }
}

/// An action still "running" after `ABANDONED_AFTER` died with its server (a crash, a restart):
/// the first repeat to notice takes the key over and runs the action again. An upload that did
/// commit before the crash then finds its place taken and says so; nothing is stored twice.
async fn take_over_abandoned(db: &DatabaseConnection, run: &KeyRun, now: DateTime<Utc>) -> Result<bool, AppError> {
    let taken = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::CreatedAt, Expr::value(now))
        .col_expr(idempotency_key::Column::RunToken, Expr::value(run.run_token.as_str()))
        .filter(run.key_row())
        .filter(idempotency_key::Column::Status.is_null())
        .filter(idempotency_key::Column::CreatedAt.lt(now - ABANDONED_AFTER))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Keeps the run's answer for repeats.
pub async fn keep(
    db: &DatabaseConnection,
    run: &KeyRun,
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
) -> Result<(), AppError> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Status, Expr::value(i32::from(status)))
        .col_expr(idempotency_key::Column::ContentType, Expr::value(content_type))
        .col_expr(idempotency_key::Column::Body, Expr::value(body))
        .filter(run.its_row())
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the key of a run whose action did not happen, so the next try runs it.
pub async fn release(db: &DatabaseConnection, run: &KeyRun) -> Result<(), AppError> {
    idempotency_key::Entity::delete_many()
        .filter(run.its_row())
        .filter(idempotency_key::Column::Status.is_null())
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

//! The outbox's bookkeeping for the worker that sends it: which rows are due, claiming one so no
//! other worker sends it, and recording success or failure. The sending itself lives in the
//! server crate (SMTP, the SMS provider).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::ssr::entities::outbox_message;

/// Rows whose time has come and that nobody holds.
pub async fn due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, AppError> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .filter(outbox_message::Column::NotBefore.lte(now))
        .filter(
            Condition::any()
                .add(outbox_message::Column::ClaimedUntil.is_null())
                .add(outbox_message::Column::ClaimedUntil.lt(now)),
        )
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await
        .map_err(|e| crate::ssr::internal("outbox due", e))
}

/// Takes the row for `lease`; false when another worker got there first or it was sent meanwhile.
pub async fn claim(db: &DatabaseConnection, id: i32, now: DateTime<Utc>, lease: Duration) -> Result<bool, AppError> {
    let result = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(now + lease))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(
            Condition::any()
                .add(outbox_message::Column::ClaimedUntil.is_null())
                .add(outbox_message::Column::ClaimedUntil.lt(now)),
        )
        .exec(db)
        .await
        .map_err(|e| crate::ssr::internal("outbox claim", e))?;
    Ok(result.rows_affected == 1)
}

pub async fn mark_sent(db: &DatabaseConnection, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::SentAt, Expr::value(now))
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_message::Column::Attempts, Expr::col(outbox_message::Column::Attempts).add(1))
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await
        .map_err(|e| crate::ssr::internal("outbox sent", e))?;
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
        .col_expr(outbox_message::Column::LastError, Expr::value(error.chars().take(500).collect::<String>()))
        .filter(outbox_message::Column::Id.eq(row.id))
        .exec(db)
        .await
        .map_err(|e| crate::ssr::internal("outbox failed", e))?;
    Ok(())
}

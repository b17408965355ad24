//! The outbox holds mobiles, emails and whole message bodies: a message is kept for a while
//! after it went (or was given up), for the administrators' list and for support, and no longer;
//! a person who deletes their account takes every message to them along (issue 50).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::ssr::entities::outbox_message;

/// How long a sent or given-up message is kept, unless the installation says otherwise.
pub const DEFAULT_KEEP_DAYS: u32 = 30;

/// Deletes the messages sent, or given up, before `before`; how many.
pub async fn purge_done_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, AppError> {
    let done_before = Condition::any()
        .add(outbox_message::Column::SentAt.lt(before))
        .add(outbox_message::Column::GivenUpAt.lt(before));
    let purged = outbox_message::Entity::delete_many().filter(done_before).exec(db).await?;
    Ok(purged.rows_affected)
}

/// Deletes every message to these addresses (a mobile, an email), sent or waiting.
pub async fn erase_to(db: &impl ConnectionTrait, addresses: &[String]) -> Result<(), AppError> {
    let addresses: Vec<&String> = addresses.iter().filter(|a| !a.trim().is_empty()).collect();
    if addresses.is_empty() {
        return Ok(());
    }
    outbox_message::Entity::delete_many().filter(outbox_message::Column::Recipient.is_in(addresses)).exec(db).await?;
    Ok(())
}

//! The installation's admission-ticket keys, kept in the database: the newest signs, all verify.
//! An installation from before the keys had a table signed with a key derived from its session
//! secret; that key becomes the first row, so every ticket already printed stays valid.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder, Set};

use crate::error::AppError;
use crate::ssr::entities::{seat_assignment, ticket_key};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::write_transaction::begin_write;

/// The first key's number; later keys count up from it (`rotate`).
const FIRST_KEY: i32 = 1;

pub use crate::ssr::infra::ticket_signing_keys::TicketKeys;

/// The installation's keys; on a server's first start makes the first one — from `legacy_seed`
/// where tickets may have been printed already (seats were given), at random otherwise. Servers
/// starting together all write it as key 1 and the first write wins, so all sign alike.
pub async fn load_or_create(
    db: &DatabaseConnection,
    legacy_seed: [u8; 32],
    now: DateTime<Utc>,
) -> Result<TicketKeys, AppError> {
    if ticket_key::Entity::find().count(db).await? == 0 {
        let seats = seat_assignment::Entity::find().count(db).await?;
        let seed = if seats > 0 { legacy_seed } else { rand::random() };
        insert(db, FIRST_KEY, seed, now).await?;
    }
    load(db).await
}

/// Adds a new signing key; the older ones still verify the tickets they signed. Servers sign
/// with it from their next start; every `/verify` page knows it at once. The key and its audit
/// line are written together: a busy database refuses both, so asking again never adds two keys.
pub async fn rotate(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<TicketKeys, AppError> {
    let txn = begin_write(db).await?;
    let newest = load(&txn).await?.newest_id();
    insert(&txn, newest + 1, rand::random(), now).await?;
    let keys = load(&txn).await?;
    let detail = format!("{} keys verify; new tickets are signed with the newest", keys.public().len());
    audit::record(&txn, None, AuditAction::TicketKeyRotated, "admission tickets", &detail, now).await?;
    txn.commit().await?;
    Ok(keys)
}

/// The keys in the database, the newest first; an error before any server has made one.
pub async fn load(db: &impl ConnectionTrait) -> Result<TicketKeys, AppError> {
    let rows = ticket_key::Entity::find().order_by_desc(ticket_key::Column::Id).all(db).await?;
    let newest_id = rows.first().map_or(0, |row| row.id);
    let keys: Vec<SigningKey> =
        rows.iter().filter_map(|row| seed_from_text(&row.seed)).map(|s| SigningKey::from_bytes(&s)).collect();
    let signing = keys.first().cloned().ok_or_else(|| crate::ssr::internal("ticket keys", "no key yet"))?;
    Ok(TicketKeys::new(newest_id, signing, keys.iter().map(SigningKey::verifying_key).collect()))
}

/// Writes key `id`, unless a key of that number exists already (another server wrote it first).
async fn insert(db: &impl ConnectionTrait, id: i32, seed: [u8; 32], now: DateTime<Utc>) -> Result<(), AppError> {
    let row = ticket_key::ActiveModel { id: Set(id), seed: Set(URL_SAFE_NO_PAD.encode(seed)), created_at: Set(now) };
    ticket_key::Entity::insert(row)
        .on_conflict(OnConflict::column(ticket_key::Column::Id).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn seed_from_text(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD.decode(text.trim()).ok()?.try_into().ok()
}

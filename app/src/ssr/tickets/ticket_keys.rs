//! The installation's admission-ticket keys, kept in the database: the newest signs, all verify.
//! An installation from before the keys had a table signed with a key derived from its session
//! secret; that key becomes the first row, so every ticket already printed stays valid.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder, Set};

use crate::error::AppError;
use crate::ssr::entities::{seat_assignment, ticket_key};
use crate::ssr::infra::audit::{self, AuditAction};

/// The keys as the server holds them.
pub struct TicketKeys {
    signing: SigningKey,
    /// Every key's public half, the signing key's first.
    public: Vec<VerifyingKey>,
}

impl TicketKeys {
    /// The key new tickets are signed with.
    pub fn signing(&self) -> &SigningKey {
        &self.signing
    }

    /// The keys a ticket may have been signed with, the newest first.
    pub fn public(&self) -> &[VerifyingKey] {
        &self.public
    }
}

/// The installation's keys; on the first start makes one — from `legacy_seed` where tickets may
/// have been printed already (seats were given), at random otherwise.
pub async fn load_or_create(
    db: &DatabaseConnection,
    legacy_seed: [u8; 32],
    now: DateTime<Utc>,
) -> Result<TicketKeys, AppError> {
    if ticket_key::Entity::find().count(db).await.map_err(|e| crate::ssr::internal("ticket keys count", e))? == 0 {
        let seats = seat_assignment::Entity::find().count(db).await.map_err(|e| crate::ssr::internal("seats", e))?;
        let seed = if seats > 0 { legacy_seed } else { rand::random() };
        insert(db, seed, now).await?;
    }
    load(db).await
}

/// Adds a new signing key; the older ones still verify the tickets they signed. Servers sign
/// with it, and their `/verify` pages know it, from their next start.
pub async fn rotate(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<TicketKeys, AppError> {
    insert(db, rand::random(), now).await?;
    let keys = load(db).await?;
    let detail = format!("{} keys verify; new tickets are signed with the newest", keys.public.len());
    audit::record(db, None, AuditAction::TicketKeyRotated, "admission tickets", &detail, now).await?;
    Ok(keys)
}

pub async fn load(db: &DatabaseConnection) -> Result<TicketKeys, AppError> {
    let rows = ticket_key::Entity::find()
        .order_by_desc(ticket_key::Column::Id)
        .all(db)
        .await
        .map_err(|e| crate::ssr::internal("ticket keys", e))?;
    let keys: Vec<SigningKey> =
        rows.iter().filter_map(|row| seed_from_text(&row.seed)).map(|s| SigningKey::from_bytes(&s)).collect();
    let signing = keys.first().cloned().ok_or_else(|| crate::ssr::internal("ticket keys", "no readable key"))?;
    Ok(TicketKeys { public: keys.iter().map(SigningKey::verifying_key).collect(), signing })
}

async fn insert(db: &impl ConnectionTrait, seed: [u8; 32], now: DateTime<Utc>) -> Result<(), AppError> {
    ticket_key::ActiveModel { seed: Set(URL_SAFE_NO_PAD.encode(seed)), created_at: Set(now), ..Default::default() }
        .insert(db)
        .await
        .map_err(|e| crate::ssr::internal("ticket key insert", e))?;
    Ok(())
}

fn seed_from_text(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD.decode(text.trim()).ok()?.try_into().ok()
}

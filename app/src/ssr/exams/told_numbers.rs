//! The five days cannot be restarted (issue 64): when each listed number was first told, and the
//! days an administrator added, kept in a ledger apart from the list's row. The row goes when its
//! holder deletes the account and is written afresh by a re-import or the registration system's
//! claim; the ledger stays, keyed by a keyed hash of the ID number (HMAC-SHA256 under a secret the
//! installation drew once), so it holds no readable personal data. A row written afresh takes its
//! told time back from the ledger: a candidate past their days stays past them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use sha2::Sha256;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::ssr::entities::{eligible_candidate, installation_secret, told_number};
use crate::ssr::infra::write_transaction::begin_write;

/// The installation secret's purpose.
const PURPOSE: &str = "told_numbers";

/// The key the ledger's hashes are made with.
pub struct NumberKey(Vec<u8>);

impl NumberKey {
    /// The installation's key, drawn by the first server that needs it; every server (and a
    /// restored backup) reads the same one back.
    pub async fn of_installation(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Self, AppError> {
        if let Some(key) = Self::stored(db).await? {
            return Ok(key);
        }
        let mut secret = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut secret);
        let drawn = installation_secret::ActiveModel {
            purpose: Set(PURPOSE.to_string()),
            secret: Set(hex(&secret)),
            created_at: Set(now),
        };
        // Two servers drawing at once: the first one stored wins, and both read it back.
        installation_secret::Entity::insert(drawn)
            .on_conflict(OnConflict::column(installation_secret::Column::Purpose).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
        Self::stored(db).await?.ok_or_else(|| crate::ssr::internal("told numbers key", "drawn but not found"))
    }

    async fn stored(db: &impl ConnectionTrait) -> Result<Option<Self>, AppError> {
        let row = installation_secret::Entity::find_by_id(PURPOSE.to_string()).one(db).await?;
        Ok(row.map(|row| NumberKey(row.secret.into_bytes())))
    }

    /// The ID number's keyed hash, as hex.
    pub fn of(&self, id_number: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(id_number.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A text to listed candidates was accepted (outbox row `outbox_id`): the rows that named it and
/// were not told yet are told now, on the row and in the ledger (an earlier told time there wins).
pub async fn text_accepted(db: &impl ConnectionTrait, outbox_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let rows = eligible_candidate::Entity::find()
        .filter(eligible_candidate::Column::NoticeOutboxId.eq(outbox_id))
        .filter(eligible_candidate::Column::NoticedAt.is_null())
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    eligible_candidate::Entity::update_many()
        .col_expr(eligible_candidate::Column::NoticedAt, Expr::value(now))
        .filter(eligible_candidate::Column::NoticeOutboxId.eq(outbox_id))
        .filter(eligible_candidate::Column::NoticedAt.is_null())
        .exec(db)
        .await?;
    let key = NumberKey::of_installation(db, now).await?;
    for row in rows {
        remember(db, &key, &row.exam_code, &row.id_number, now, row.extra_days).await?;
    }
    Ok(())
}

/// An administrator gave the number more days: the ledger keeps the new count too.
pub async fn days_added(
    db: &impl ConnectionTrait,
    exam_code: &ExamCode,
    id_number: &str,
    extra_days: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = NumberKey::of_installation(db, now).await?;
    told_number::Entity::update_many()
        .col_expr(told_number::Column::ExtraDays, Expr::value(extra_days))
        .filter(told_number::Column::ExamCode.eq(exam_code))
        .filter(told_number::Column::NumberKey.eq(key.of(id_number)))
        .exec(db)
        .await?;
    Ok(())
}

async fn remember(
    db: &impl ConnectionTrait,
    key: &NumberKey,
    exam_code: &ExamCode,
    id_number: &str,
    told_at: DateTime<Utc>,
    extra_days: i32,
) -> Result<(), AppError> {
    let entry = told_number::ActiveModel {
        exam_code: Set(exam_code.clone()),
        number_key: Set(key.of(id_number)),
        told_at: Set(told_at),
        extra_days: Set(extra_days),
    };
    told_number::Entity::insert(entry)
        .on_conflict(
            OnConflict::columns([told_number::Column::ExamCode, told_number::Column::NumberKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Rows of `exam_code` just written for `id_numbers` (an import, a registration's claim): those
/// without a told time take the ledger's, and its days added.
pub async fn restore(
    db: &impl ConnectionTrait,
    exam_code: &ExamCode,
    id_numbers: &[String],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if id_numbers.is_empty() {
        return Ok(());
    }
    let key = NumberKey::of_installation(db, now).await?;
    let by_key: HashMap<String, &String> = id_numbers.iter().map(|number| (key.of(number), number)).collect();
    let keys: Vec<String> = by_key.keys().cloned().collect();
    // SQLite allows 32766 bound values.
    for chunk in keys.chunks(10_000) {
        let told = told_number::Entity::find()
            .filter(told_number::Column::ExamCode.eq(exam_code))
            .filter(told_number::Column::NumberKey.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        for entry in told {
            let Some(id_number) = by_key.get(&entry.number_key) else { continue };
            eligible_candidate::Entity::update_many()
                .col_expr(eligible_candidate::Column::NoticedAt, Expr::value(entry.told_at))
                .col_expr(eligible_candidate::Column::ExtraDays, Expr::value(entry.extra_days))
                .filter(eligible_candidate::Column::ExamCode.eq(exam_code))
                .filter(eligible_candidate::Column::IdNumber.eq(id_number.as_str()))
                .filter(eligible_candidate::Column::NoticedAt.is_null())
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Rows told before the ledger existed (an installation upgraded to it) are written into it at the
/// first start with an empty ledger, in one transaction: without them, deleting the account and
/// being listed again would restart the days. Once the ledger holds anything, every told row is in
/// it (a text accepted writes both, the retention erases both), so later starts read one row.
pub async fn remember_rows_told_before(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    if told_number::Entity::find().one(db).await?.is_some() {
        return Ok(0);
    }
    let txn = begin_write(db).await?;
    let told = eligible_candidate::Entity::find()
        .filter(eligible_candidate::Column::NoticedAt.is_not_null())
        .all(&txn)
        .await?;
    if told.is_empty() {
        return Ok(0);
    }
    let key = NumberKey::of_installation(&txn, now).await?;
    let entries: Vec<told_number::ActiveModel> = told
        .iter()
        .filter_map(|row| {
            Some(told_number::ActiveModel {
                exam_code: Set(row.exam_code.clone()),
                number_key: Set(key.of(&row.id_number)),
                told_at: Set(row.noticed_at?),
                extra_days: Set(row.extra_days),
            })
        })
        .collect();
    let mut written = 0;
    // SQLite allows 32766 bound values; 4 a row.
    for chunk in entries.chunks(1000) {
        written += told_number::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([told_number::Column::ExamCode, told_number::Column::NumberKey])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(written)
}

/// The exam's data is erased after its day: its ledger goes too, as nothing is counted any more.
pub async fn forget_exam(db: &impl ConnectionTrait, exam_code: &ExamCode) -> Result<(), AppError> {
    told_number::Entity::delete_many().filter(told_number::Column::ExamCode.eq(exam_code)).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_has_the_same_key_and_no_digit_of_it_shows() {
        let key = NumberKey(b"an installation's secret".to_vec());
        let alice = key.of("11010519491231002X");
        assert_eq!(alice, key.of("11010519491231002X"));
        assert_ne!(alice, key.of("110105194912310029"));
        assert_eq!(alice.len(), 64);
        assert!(!alice.contains("19491231"));
        assert_ne!(alice, NumberKey(b"another installation".to_vec()).of("11010519491231002X"));
    }
}

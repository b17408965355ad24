//! The holder's ID number (on an ID card, or on a record that prints it) read again where its
//! first reading was not finished (issues 34 and 55): tesseract
//! failed (not installed as configured, a language file broken by an upgrade) or was still
//! reading at its deadline (a machine busy far past normal load). That says nothing of the card,
//! so the review screen says "not finished" rather than "could not be read", the queue does not count the
//! picture as checked, and the number is read again later — each time it is still not finished,
//! after as long again as it has waited so far (`reading_retry`: from ten minutes up to a day), so a
//! broken tesseract costs little and a mended one reads every card it missed within a day.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::error::AppError;
use crate::ssr::assistant::card_number_check::id_number_check;
use crate::ssr::assistant::picture_analysis::{card_number, IdNumberReading};
use crate::ssr::assistant::quiet_picture_work::when_quiet;
use crate::ssr::assistant::reading_retry::retry_at;
use crate::ssr::entities::picture_finding::NumberComparison;
use crate::ssr::entities::{material, picture_finding};
use crate::ssr::infra::server_state::ServerState;

/// Readings taken up at once.
const BATCH: u64 = 16;

/// A finding's columns for the card's number as read `now` (None: the picture is no card's front),
/// first tried at `first_tried`: what the reading says, the number read where it is not the
/// account's (the review screen says what was read instead), and when an unfinished reading is tried again.
/// The rest of the finding is left as it is.
pub fn id_number_kept(
    reading: Option<&IdNumberReading>,
    first_tried: DateTime<Utc>,
    now: DateTime<Utc>,
) -> picture_finding::ActiveModel {
    let kept = reading.map(|reading| match reading {
        IdNumberReading::Matches => NumberComparison::Matches,
        IdNumberReading::Differs(_) => NumberComparison::Differs,
        IdNumberReading::Unreadable => NumberComparison::Unreadable,
        IdNumberReading::Unfinished => NumberComparison::Unfinished,
    });
    picture_finding::ActiveModel {
        id_number: Set(kept.map(|state| state.as_str().to_string())),
        id_number_read: Set(match reading {
            Some(IdNumberReading::Differs(read)) => Some(read.clone()),
            _ => None,
        }),
        id_number_retry_at: Set((kept == Some(NumberComparison::Unfinished)).then(|| retry_at(first_tried, now))),
        ..Default::default()
    }
}

/// Up to a batch of the findings whose card number is due to be read again at `now`.
pub async fn id_numbers_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<picture_finding::Model>, AppError> {
    Ok(picture_finding::Entity::find()
        .filter(picture_finding::Column::IdNumber.eq(NumberComparison::Unfinished.as_str()))
        .filter(picture_finding::Column::IdNumberRetryAt.lte(now))
        .order_by_asc(picture_finding::Column::IdNumberRetryAt)
        .limit(BATCH)
        .all(db)
        .await?)
}

/// Reads again up to a batch of card numbers whose reading was not finished and is due; how many.
pub async fn read_unfinished_again(state: &ServerState) -> Result<usize, AppError> {
    let due = id_numbers_due(&state.db, state.clock.now()).await?;
    for finding in &due {
        let picture =
            material::Entity::find().filter(material::Column::BlobKey.eq(&finding.blob_key)).one(&state.db).await?;
        let reading = match picture {
            Some(picture) => match id_number_check(state, picture.user_id).await? {
                Some(check) => when_quiet(state, &picture, move |bytes| card_number(bytes, &check))
                    .await?
                    .unwrap_or(IdNumberReading::Unreadable),
                // This server has no tesseract: another may, or this one after a restart.
                None => IdNumberReading::Unfinished,
            },
            // Deleted meanwhile: nothing is left to read.
            None => IdNumberReading::Unreadable,
        };
        keep(state, finding, &reading).await?;
    }
    Ok(due.len())
}

async fn keep(
    state: &ServerState,
    finding: &picture_finding::Model,
    reading: &IdNumberReading,
) -> Result<(), AppError> {
    picture_finding::Entity::update_many()
        .filter(picture_finding::Column::Id.eq(finding.id))
        .set(id_number_kept(Some(reading), finding.looked_at, state.clock.now()))
        .exec(&state.db)
        .await?;
    Ok(())
}

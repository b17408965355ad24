//! A document's number read again where tesseract did not finish reading it (issue 55), and the
//! picture's pairs compared again once it has. A pair the hash joined stays "相似" while either
//! number's reading is unfinished (`documents_differ`): that says nothing of the numbers. Without this,
//! such a pair was compared again only when another picture joined one of its two; now it is
//! compared again as soon as the reading finishes, and parted if the numbers tell it apart.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::ssr::assistant::documents_differ::{number_of, still_alike};
use crate::ssr::entities::{picture_finding, similar_picture};
use crate::ssr::infra::server_state::ServerState;
use picture_checks::number_reading::Reading;

/// Readings taken up at once.
const BATCH: u64 = 16;

/// Reads again up to a batch of document numbers whose reading was not finished and is due, and
/// compares again the pairs of each picture whose reading now finished; how many it read.
pub async fn read_numbers_again(state: &ServerState) -> Result<usize, AppError> {
    let due = document_numbers_due(&state.db, state.clock.now()).await?;
    for due in &due {
        // Its number may have been read since it was listed, as the other side of a pair compared
        // again above: its own pairs are compared again all the same.
        let Some(finding) = picture_finding::Entity::find_by_id(due.id).one(&state.db).await? else { continue };
        let finished =
            finding.document_number_read_at.is_some() || number_of(state, &finding).await? != Reading::Unfinished;
        if finished {
            compare_pairs_again(state, &finding.blob_key).await?;
        }
    }
    Ok(due.len())
}

/// Up to a batch of the findings whose document number is due to be read again at `now`.
pub async fn document_numbers_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<picture_finding::Model>, AppError> {
    Ok(picture_finding::Entity::find()
        .filter(picture_finding::Column::DocumentNumberReadAt.is_null())
        .filter(picture_finding::Column::DocumentNumberRetryAt.lte(now))
        .order_by_asc(picture_finding::Column::DocumentNumberRetryAt)
        .limit(BATCH)
        .all(db)
        .await?)
}

/// The pairs kept for the picture stored under `blob_key`, looked at again: each one its number
/// (or now the other's) distinguishes is forgotten, both ways round.
async fn compare_pairs_again(state: &ServerState, blob_key: &str) -> Result<(), AppError> {
    let pairs =
        similar_picture::Entity::find().filter(similar_picture::Column::BlobKey.eq(blob_key)).all(&state.db).await?;
    let alike: Vec<(String, u32)> = pairs.iter().map(|p| (p.other_blob_key.clone(), p.distance as u32)).collect();
    let still: Vec<String> = still_alike(state, blob_key, alike).await?.into_iter().map(|(key, _)| key).collect();
    for parted in pairs.iter().filter(|pair| !still.contains(&pair.other_blob_key)) {
        let (one, other) = (blob_key, parted.other_blob_key.as_str());
        similar_picture::Entity::delete_many()
            .filter(
                Condition::any()
                    .add(similar_picture::Column::BlobKey.eq(one).and(similar_picture::Column::OtherBlobKey.eq(other)))
                    .add(similar_picture::Column::BlobKey.eq(other).and(similar_picture::Column::OtherBlobKey.eq(one))),
            )
            .exec(&state.db)
            .await?;
    }
    Ok(())
}

//! A record's 证书编号 read again where its first reading was not finished (tesseract failed or
//! ran out of time), as the holder's ID number is (`id_number_retry`): the review screen says "not
//! finished", the queue does not count the picture as checked, and it is read again after as long
//! again as it has waited so far (`reading_retry`).

use chrono::{DateTime, Utc};
use picture_checks::number_reading::Reading;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::ssr::assistant::diploma_number_check::{
    compare_with_rows_now, diploma_number_check, diploma_number_kept, typed_numbers_now,
};
use crate::ssr::assistant::picture_analysis::diploma_number;
use crate::ssr::assistant::quiet_picture_work::when_quiet;
use crate::ssr::entities::picture_finding::NumberComparison;
use crate::ssr::entities::{material, picture_finding};
use crate::ssr::infra::server_state::ServerState;

/// Readings taken up at once.
const BATCH: u64 = 16;

/// Up to a batch of the findings whose 证书编号 is due to be read again at `now`.
pub async fn diploma_numbers_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<picture_finding::Model>, AppError> {
    Ok(picture_finding::Entity::find()
        .filter(picture_finding::Column::DiplomaNumber.eq(NumberComparison::Unfinished.as_str()))
        .filter(picture_finding::Column::DiplomaNumberRetryAt.lte(now))
        .order_by_asc(picture_finding::Column::DiplomaNumberRetryAt)
        .limit(BATCH)
        .all(db)
        .await?)
}

/// Reads again up to a batch of 证书编号s whose reading was not finished and is due; how many.
pub async fn read_diploma_numbers_again(state: &ServerState) -> Result<usize, AppError> {
    let due = diploma_numbers_due(&state.db, state.clock.now()).await?;
    for finding in &due {
        let picture =
            material::Entity::find().filter(material::Column::BlobKey.eq(&finding.blob_key)).one(&state.db).await?;
        let (reading, typed) = match &picture {
            Some(picture) => {
                let reading = match diploma_number_check(state, picture.user_id).await? {
                    Some(check) => when_quiet(state, picture, move |bytes| diploma_number(bytes, &check))
                        .await?
                        .unwrap_or(Reading::Unreadable),
                    // This server has no tesseract: another may, or this one after a restart.
                    None => Reading::Unfinished,
                };
                let definition = crate::ssr::exams::exam_store::load(&state.db, &picture.exam_code).await?;
                let typed = match definition {
                    Some(definition) => {
                        typed_numbers_now(&state.db, &definition, picture.user_id, &picture.exam_code).await?
                    }
                    None => Vec::new(),
                };
                (reading, typed)
            }
            // Deleted meanwhile: nothing is left to read.
            None => (Reading::Unreadable, Vec::new()),
        };
        picture_finding::Entity::update_many()
            .filter(picture_finding::Column::Id.eq(finding.id))
            .set(diploma_number_kept(Some(&reading), &typed, finding.looked_at, state.clock.now()))
            .exec(&state.db)
            .await?;
        // A save while it was being read compared before the reading was there (`compare_with_rows_now`).
        if let Some(picture) = &picture {
            if let Some(definition) = crate::ssr::exams::exam_store::load(&state.db, &picture.exam_code).await? {
                compare_with_rows_now(&state.db, &definition, picture.user_id, &picture.exam_code).await?;
            }
        }
    }
    Ok(due.len())
}

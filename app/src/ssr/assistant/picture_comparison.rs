//! The second half of the assistant's look at a picture (issue 34): its perceptual hash compared
//! with every other person's (`picture_hashes`), the pairs the later looks cannot tell apart
//! (`documents_differ`) kept as "相似" (`similar_pictures`), and the finding marked compared, which is
//! when the review screen counts the picture as looked at. A comparison a crash or restart cut short is
//! taken up again once it has been left unfinished for a while.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::error::AppError;
use crate::ssr::assistant::documents_differ::still_alike;
use crate::ssr::entities::{material, picture_finding, similar_picture};
use crate::ssr::infra::server_state::ServerState;

/// A comparison unfinished this long after its look was cut short. One that is only slow (on
/// deadline night the comparison waits for the uploads to be quiet) is then done twice, which
/// changes nothing: its pairs are kept once.
const LEFT_UNFINISHED_MINUTES: i64 = 10;
/// Comparisons taken up at once.
const BATCH: u64 = 16;

/// Compares the picture (its hash `hash`) with other people's, keeps the pairs not distinguished,
/// and marks its finding compared.
pub async fn compare(state: &ServerState, picture: &material::Model, hash: &[u8]) -> Result<(), AppError> {
    let alike = {
        let assistant = crate::ssr::assistant::assistant_state::of(state)
            .ok_or_else(|| crate::ssr::internal("picture comparison", "the server state holds no picture assistant"))?;
        let mut hashes = assistant.hashes().await;
        hashes.catch_up(&state.db).await?;
        hashes.alike(hash, picture.user_id, &picture.blob_key)
    };
    let alike = still_alike(state, &picture.blob_key, alike).await?;
    for (other, distance) in alike {
        for (one, two) in [(&picture.blob_key, &other), (&other, &picture.blob_key)] {
            let pair = similar_picture::ActiveModel {
                blob_key: Set(one.clone()),
                other_blob_key: Set(two.clone()),
                distance: Set(distance as i32),
                ..Default::default()
            };
            similar_picture::Entity::insert(pair)
                .on_conflict(
                    OnConflict::columns([similar_picture::Column::BlobKey, similar_picture::Column::OtherBlobKey])
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&state.db)
                .await?;
        }
    }
    mark_compared(state, &picture.blob_key).await
}

/// Takes up to a batch of comparisons left unfinished; how many it took up.
pub async fn compare_left_unfinished(state: &ServerState) -> Result<usize, AppError> {
    let unfinished = left_unfinished(&state.db, state.clock.now()).await?;
    for finding in &unfinished {
        let picture =
            material::Entity::find().filter(material::Column::BlobKey.eq(&finding.blob_key)).one(&state.db).await?;
        let hash = finding.perceptual_hash.as_deref().and_then(picture_finding::hash_from_stored);
        match (picture, hash) {
            (Some(picture), Some(hash)) => compare(state, &picture, &hash).await?,
            // Deleted meanwhile, or nothing to compare: nothing is left to do.
            _ => mark_compared(state, &finding.blob_key).await?,
        }
    }
    Ok(unfinished.len())
}

/// Up to a batch of the findings whose comparison was left unfinished by `now`, oldest first.
pub async fn left_unfinished(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<picture_finding::Model>, AppError> {
    let given_up = now - chrono::Duration::minutes(LEFT_UNFINISHED_MINUTES);
    Ok(picture_finding::Entity::find()
        .filter(picture_finding::Column::ComparedAt.is_null())
        .filter(picture_finding::Column::LookedAt.lt(given_up))
        .order_by_asc(picture_finding::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?)
}

async fn mark_compared(state: &ServerState, blob_key: &str) -> Result<(), AppError> {
    picture_finding::Entity::update_many()
        .filter(picture_finding::Column::BlobKey.eq(blob_key))
        .filter(picture_finding::Column::ComparedAt.is_null())
        .set(picture_finding::ActiveModel { compared_at: Set(Some(state.clock.now())), ..Default::default() })
        .exec(&state.db)
        .await?;
    Ok(())
}

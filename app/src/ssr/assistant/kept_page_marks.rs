//! The marks of each picture's paper (`picture_checks::page_layout`), taken once and kept
//! (`picture_page_marks`): telling two layouts apart decoded and straightened both pictures of
//! every pair, so a page alike to many other people's (one template, one university's diplomas)
//! cost a decode of each of them at every new one, about 20 s for a page alike to fourteen others
//! on the browser tests' server. Now each picture is decoded for its marks once in its life.

use std::collections::HashMap;

use picture_checks::page_layout::PageMarks;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::error::AppError;
use crate::ssr::assistant::picture_analysis::page_marks;
use crate::ssr::assistant::quiet_picture_work::when_quiet_on_stored;
use crate::ssr::entities::picture_page_marks;
use crate::ssr::infra::server_state::ServerState;

/// The marks of the pictures stored under `blob_keys`, by blob key: as kept, or taken now (once
/// uploads are quiet) and kept. A picture that is gone, or whose marks cannot be taken, has none.
pub async fn marks_of(state: &ServerState, blob_keys: &[&str]) -> Result<HashMap<String, PageMarks>, AppError> {
    let kept = picture_page_marks::Entity::find()
        .filter(picture_page_marks::Column::BlobKey.is_in(blob_keys.iter().copied()))
        .all(&state.db)
        .await?;
    let mut marks: HashMap<String, PageMarks> =
        kept.into_iter().filter_map(|row| Some((row.blob_key, PageMarks::from_stored(&row.marks)?))).collect();
    for &blob_key in blob_keys {
        if marks.contains_key(blob_key) {
            continue;
        }
        let Some(taken) = when_quiet_on_stored(state, blob_key, page_marks).await?.flatten() else { continue };
        keep(state, blob_key, &taken).await;
        marks.insert(blob_key.to_string(), taken);
    }
    Ok(marks)
}

/// Keeps the marks taken of one picture. A keeping that fails costs only a decode the next time
/// (its findings deleted meanwhile, with the picture), so it is logged and the comparison goes on.
async fn keep(state: &ServerState, blob_key: &str, marks: &PageMarks) {
    let row = picture_page_marks::ActiveModel { blob_key: Set(blob_key.to_string()), marks: Set(marks.to_stored()) };
    let kept = picture_page_marks::Entity::insert(row)
        .on_conflict(OnConflict::column(picture_page_marks::Column::BlobKey).do_nothing().to_owned())
        .exec_without_returning(&state.db)
        .await;
    if let Err(error) = kept {
        tracing::warn!(%error, blob_key, "page marks not kept");
    }
}

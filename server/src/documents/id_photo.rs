//! The candidate's ID photo for a printed document: the first picture of the exam's category
//! declared `picture = "portrait"`, as stored (already judged against the category's rules).

use app::domain::exam_definition::ExamDefinition;
use app::domain::picture_quality::PictureKind;
use app::domain::record_ids::{ExamCode, UserId};
use app::error::AppError;
use app::ssr::application::material_queries;
use app::ssr::ServerState;

/// The bytes of the first picture in the exam's ID-photo category (`picture = "portrait"`).
pub async fn id_photo(
    state: &ServerState,
    definition: &ExamDefinition,
    owner_id: UserId,
    exam_code: &ExamCode,
) -> Result<Option<Vec<u8>>, AppError> {
    let Some(category) = definition.categories.iter().find(|c| c.picture == PictureKind::Portrait) else {
        return Ok(None);
    };
    let rows = material_queries::rows_of(&state.db, owner_id, exam_code).await?;
    let Some(row) = rows.iter().find(|row| row.category == category.code) else { return Ok(None) };
    state.blobs.get(&row.blob_key).await.map_err(|e| app::ssr::internal("document photo", e))
}

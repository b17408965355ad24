//! The ID-photo rules of every exam, for the photo tool that needs no login (证件照处理): what a
//! category asks of a photo is published in its requirements list anyway.

use crate::domain::picture_quality::PictureKind;
use crate::error::AppError;
use crate::models::exam::PhotoRuleChoice;
use crate::ssr::exams::exam_store;
use crate::ssr::ServerState;

/// Every category, of every exam, whose pictures are of a person or that asks an aspect of them (an
/// ID photo).
pub async fn photo_rules(state: &ServerState) -> Result<Vec<PhotoRuleChoice>, AppError> {
    Ok(exam_store::list_definitions(&state.db)
        .await?
        .into_iter()
        .flat_map(|definition| {
            let exam = exam_store::summary_of(&definition);
            definition
                .categories
                .into_iter()
                .filter(|category| category.picture == PictureKind::Portrait || category.rules.aspect.is_some())
                .map(move |category| PhotoRuleChoice { exam: exam.clone(), category })
        })
        .collect())
}

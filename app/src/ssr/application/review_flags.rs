//! What the latest return for revision asked to change, read by the candidate's page and the
//! review screen alike.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::record_ids::{ApplicationId, MaterialId};
use crate::error::AppError;
use crate::models::feedback::FlagView;
use crate::ssr::entities::review_flag;

/// The flags of the application's latest return, if it was ever returned.
pub async fn last_flags(
    db: &DatabaseConnection,
    application_id: ApplicationId,
) -> Result<Vec<review_flag::Model>, AppError> {
    let all = review_flag::Entity::find()
        .filter(review_flag::Column::ApplicationId.eq(application_id))
        .order_by_desc(review_flag::Column::Round)
        .order_by_asc(review_flag::Column::Id)
        .all(db)
        .await?;
    let latest = all.first().map(|f| f.round);
    Ok(all.into_iter().filter(|f| Some(f.round) == latest).collect())
}

/// What the flags say about one picture (`None`: about the form).
pub fn flag_for(flags: &[review_flag::Model], material_id: Option<&MaterialId>) -> Option<FlagView> {
    flags
        .iter()
        .find(|f| f.material_id.as_ref() == material_id)
        .map(|f| FlagView { reason: f.reason, comment: f.comment.clone() })
}

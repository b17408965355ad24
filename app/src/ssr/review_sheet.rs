//! One application as a reviewer sees it, and taking it: the candidate's form and every image by
//! category in sequence order, what the last return said, the old file beside each replacement,
//! and the whole history.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{application, material, material_version, review_flag, user};
use super::server_state::ServerState;
use super::{applications, exams, materials, review_queue, reviewer_access, timeline};
use crate::domain::exam_windows::format_utc;
use crate::error::AppError;
use crate::models::feedback::FlagView;
use crate::models::review::{NextApplication, PreviousImage, ReviewCategory, ReviewImage, ReviewSheet};

/// Someone else's hold on an application lapses after this long without a decision.
const HOLD: i64 = 30;

/// An application the account may review: one of an exam assigned to them, handed in at least
/// once. Anything else is "not found", whether it exists or not.
pub async fn reviewable(
    db: &DatabaseConnection,
    account: &user::Model,
    application_id: i32,
) -> Result<application::Model, AppError> {
    reviewer_access::require_reviewer_role(account)?;
    let row = application::Entity::find_by_id(application_id)
        .one(db)
        .await
        .map_err(|e| super::internal("application lookup", e))?
        .ok_or(AppError::NotFound)?;
    if row.last_submitted_at.is_none()
        || reviewer_access::require_reviewer_of(db, account, &row.exam_code).await.is_err()
    {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The application an image belongs to, when the account may review it.
pub async fn reviewable_image(
    db: &DatabaseConnection,
    account: &user::Model,
    image: &material::Model,
) -> Result<application::Model, AppError> {
    let application = applications::find(db, image.user_id, &image.exam_code).await?.ok_or(AppError::NotFound)?;
    reviewable(db, account, application.id).await
}

/// Opens the application for review. One waiting for a decision is taken (its version bumped,
/// so a decision made on an earlier screen becomes stale) unless someone else took it less than
/// half an hour ago, or `take_over` asks to take it from them.
pub async fn open(
    state: &ServerState,
    account: &user::Model,
    application_id: i32,
    take_over: bool,
) -> Result<ReviewSheet, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let mut row = reviewable(db, account, application_id).await?;
    let held_by_other = live_holder(&row, now).is_some_and(|id| id != account.id);
    if row.state.awaits_review() && (!held_by_other || take_over) {
        application::Entity::update_many()
            .col_expr(application::Column::ReviewerId, Expr::value(account.id))
            .col_expr(application::Column::TakenAt, Expr::value(now))
            .col_expr(application::Column::ReviewVersion, Expr::value(row.review_version + 1))
            .filter(application::Column::Id.eq(row.id))
            .filter(application::Column::ReviewVersion.eq(row.review_version))
            .exec(db)
            .await
            .map_err(|e| super::internal("take", e))?;
        // Access was settled above; only the row's new state is needed.
        row = application::Entity::find_by_id(application_id)
            .one(db)
            .await
            .map_err(|e| super::internal("application reread", e))?
            .ok_or(AppError::NotFound)?;
    }
    sheet(state, account, row, now).await
}

async fn sheet(
    state: &ServerState,
    account: &user::Model,
    row: application::Model,
    now: DateTime<Utc>,
) -> Result<ReviewSheet, AppError> {
    let db = &state.db;
    let definition = exams::load(db, &row.exam_code).await?.ok_or(AppError::NotFound)?;
    let offset = definition.windows.offset();
    let people =
        review_queue::names_of(db, [Some(row.user_id), row.reviewer_id].into_iter().flatten().collect()).await?;
    let candidate = people.get(&row.user_id).ok_or(AppError::NotFound)?;
    let held_by = live_holder(&row, now).or(row.reviewer_id.filter(|id| *id == account.id));
    let flags = last_flags(db, row.id).await?;
    let rows = materials::rows_of(db, row.user_id, &row.exam_code).await?;
    let replaced_since = flags.first().map(|f| f.created_at);
    let previous = previous_versions(db, rows.iter().map(|m| m.id.clone()).collect(), replaced_since).await?;
    let categories = definition
        .categories
        .iter()
        .map(|category| ReviewCategory {
            code: category.code.clone(),
            images: rows
                .iter()
                .filter(|m| m.category == category.code)
                .map(|m| ReviewImage {
                    material: materials::view_of(m),
                    previous: previous.iter().find(|v| v.material_id == m.id).map(|v| PreviousImage {
                        url: format!("/api/materials/{}/previous", m.id),
                        uploaded_at: format_utc(&v.uploaded_at),
                        replaced_at: format_utc(&v.replaced_at),
                    }),
                    last_flag: flag_for(&flags, Some(&m.id)),
                })
                .collect(),
        })
        .collect();
    Ok(ReviewSheet {
        application_id: row.id,
        exam: exams::summary_of(&definition),
        candidate_name: candidate.name.clone(),
        id_number_masked: super::accounts::session_user_of(candidate).id_number_masked,
        state: row.state,
        round: row.round,
        version: row.review_version,
        taken_by: held_by.and_then(|id| people.get(&id)).map(|p| p.name.clone()),
        taken_by_me: held_by == Some(account.id),
        form: applications::form_of(&row),
        position: row.position_code.clone(),
        form_flag: flag_for(&flags, None),
        categories,
        history: timeline::entries(db, row.id, None, offset).await?,
        next: next_in_queue(db, &row).await?,
        definition,
    })
}

/// The application a "next" after this one would open, with its images' addresses, so the
/// browser can fetch them while the reviewer still works on this one.
async fn next_in_queue(db: &DatabaseConnection, row: &application::Model) -> Result<Option<NextApplication>, AppError> {
    let Some(next_id) = review_queue::next_awaiting(db, &row.exam_code, row.id).await? else { return Ok(None) };
    let next = application::Entity::find_by_id(next_id)
        .one(db)
        .await
        .map_err(|e| super::internal("next application", e))?
        .ok_or(AppError::NotFound)?;
    let images = materials::rows_of(db, next.user_id, &next.exam_code).await?;
    Ok(Some(NextApplication {
        application_id: next.id,
        image_urls: images.iter().map(|m| materials::view_of(m).file_url()).collect(),
    }))
}

/// The flags of the application's latest return, if it was ever returned.
pub async fn last_flags(db: &DatabaseConnection, application_id: i32) -> Result<Vec<review_flag::Model>, AppError> {
    let all = review_flag::Entity::find()
        .filter(review_flag::Column::ApplicationId.eq(application_id))
        .order_by_desc(review_flag::Column::Round)
        .order_by_asc(review_flag::Column::Id)
        .all(db)
        .await
        .map_err(|e| super::internal("flags", e))?;
    let latest = all.first().map(|f| f.round);
    Ok(all.into_iter().filter(|f| Some(f.round) == latest).collect())
}

/// What the flags say about one image (`None`: about the form).
pub fn flag_for(flags: &[review_flag::Model], material_id: Option<&str>) -> Option<FlagView> {
    flags
        .iter()
        .find(|f| f.material_id.as_deref() == material_id)
        .map(|f| FlagView { reason: f.reason, comment: f.comment.clone() })
}

/// The reviewer whose hold on the application has not lapsed yet.
fn live_holder(row: &application::Model, now: DateTime<Utc>) -> Option<i32> {
    row.reviewer_id.filter(|_| row.taken_at.is_some_and(|t| now - t < Duration::minutes(HOLD)))
}

/// For each image, its newest earlier file if it was replaced after `since`.
async fn previous_versions(
    db: &DatabaseConnection,
    material_ids: Vec<String>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<material_version::Model>, AppError> {
    let Some(since) = since else { return Ok(Vec::new()) };
    if material_ids.is_empty() {
        return Ok(Vec::new());
    }
    let versions = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.is_in(material_ids))
        .filter(material_version::Column::ReplacedAt.gte(since))
        .order_by_desc(material_version::Column::ReplacedAt)
        .all(db)
        .await
        .map_err(|e| super::internal("versions", e))?;
    let mut newest: Vec<material_version::Model> = Vec::new();
    for version in versions {
        if !newest.iter().any(|v| v.material_id == version.material_id) {
            newest.push(version);
        }
    }
    Ok(newest)
}

/// The last file an image had before its replacement: for whoever may review it.
pub async fn previous_file(
    state: &ServerState,
    account: &user::Model,
    material_id: &str,
) -> Result<(crate::domain::ImageFormat, Vec<u8>), AppError> {
    let db = &state.db;
    let image = materials::find(db, material_id).await?;
    reviewable_image(db, account, &image).await?;
    let version = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.eq(material_id))
        .order_by_desc(material_version::Column::ReplacedAt)
        .one(db)
        .await
        .map_err(|e| super::internal("version lookup", e))?
        .ok_or(AppError::NotFound)?;
    let bytes = state
        .blobs
        .get(&version.blob_key)
        .await
        .map_err(|e| super::internal("blob read", e))?
        .ok_or_else(|| super::internal("blob missing", &version.blob_key))?;
    Ok((crate::domain::ImageFormat::from_file_extension(&version.format), bytes))
}

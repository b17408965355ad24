//! One application as a reviewer sees it, and taking it: the candidate's form and every picture by
//! category in sequence order, what the last return said, the old file beside each replacement,
//! and the whole history.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::china_time::china_time;
use crate::domain::record_ids::{ApplicationId, ApplicationVersion, MaterialId, UserId};
use crate::domain::{CategoryDefinition, ExamDefinition};
use crate::error::AppError;
use crate::models::review::{NextApplication, PreviousFile, ReviewCategory, ReviewSheet, ReviewedMaterial};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access;
use crate::ssr::application::review_flags;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::{
    application::application_queries, application::material_queries, application::people,
    assistant::findings_on_screen, exams::exam_store, messaging::timeline, review::review_queue,
};
use crate::ssr::{entities::application, entities::material, entities::material_version};

/// Someone else's hold on an application lapses after this long without a decision.
const HOLD: i64 = 30;

/// Opens the application for review. One waiting for a decision is taken (its version bumped,
/// so a decision made on an earlier screen becomes stale) unless someone else took it less than
/// half an hour ago, or `take_over` asks to take it from them.
#[tracing::instrument(skip_all, fields(user = %account.id, application = %application_id))]
pub async fn open(
    state: &ServerState,
    account: &Caller<Staff>,
    application_id: ApplicationId,
    take_over: bool,
) -> Result<ReviewSheet, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let mut row = reviewer_access::reviewable(db, account, application_id).await?;
    if would_take(&row, account, now, take_over) {
        application::Entity::update_many()
            .col_expr(application::Column::ReviewerId, Expr::value(account.id))
            .col_expr(application::Column::TakenAt, Expr::value(now))
            .col_expr(application::Column::ReviewVersion, Expr::value(row.review_version + 1))
            .filter(application::Column::Id.eq(row.id))
            .filter(application::Column::ReviewVersion.eq(row.review_version))
            .exec(db)
            .await?;
        // Access was settled above; only the row's new state is needed.
        row = application::Entity::find_by_id(application_id).one(db).await?.ok_or(AppError::NotFound)?;
    }
    sheet(state, account, row, now, None).await
}

/// The sheet `open` would give once `leaving` (the application on the reviewer's screen) is decided,
/// without taking anything: that screen reads it ahead, so that "next" draws at once while `open`
/// takes the application behind it (and the screen is drawn again should anything have changed in
/// between).
#[tracing::instrument(skip_all, fields(user = %account.id, application = %application_id))]
pub async fn foresee(
    state: &ServerState,
    account: &Caller<Staff>,
    application_id: ApplicationId,
    leaving: ApplicationId,
) -> Result<ReviewSheet, AppError> {
    let now = state.clock.now();
    let row = reviewer_access::reviewable(&state.db, account, application_id).await?;
    let row = if would_take(&row, account, now, false) { as_taken(row, account, now) } else { row };
    sheet(state, account, row, now, Some(leaving)).await
}

/// Opening takes an application waiting for a decision unless someone else holds it.
fn would_take(row: &application::Model, account: &Caller<Staff>, now: DateTime<Utc>, take_over: bool) -> bool {
    let held_by_other = live_holder(row, now).is_some_and(|id| id != account.id);
    row.state.awaits_review() && (!held_by_other || take_over)
}

/// The row as `open`'s take leaves it.
fn as_taken(row: application::Model, account: &Caller<Staff>, now: DateTime<Utc>) -> application::Model {
    application::Model {
        reviewer_id: Some(account.id),
        taken_at: Some(now),
        review_version: row.review_version + 1,
        ..row
    }
}

/// `decided_before`: an application the queue's "next" is to pass over, as it will no longer wait.
async fn sheet(
    state: &ServerState,
    account: &Caller<Staff>,
    row: application::Model,
    now: DateTime<Utc>,
    decided_before: Option<ApplicationId>,
) -> Result<ReviewSheet, AppError> {
    let db = &state.db;
    let definition = exam_store::load(db, &row.exam_code).await?.ok_or(AppError::NotFound)?;
    let people = people::names_of(db, [Some(row.user_id), row.reviewer_id].into_iter().flatten().collect()).await?;
    let candidate = people.get(&row.user_id).ok_or(AppError::NotFound)?;
    let held_by = live_holder(&row, now).or(row.reviewer_id.filter(|id| *id == account.id));
    let flags = review_flags::last_flags(db, row.id).await?;
    let rows = material_queries::rows_of(db, row.user_id, &row.exam_code).await?;
    let replaced_since = flags.first().map(|f| f.created_at);
    let previous = previous_versions(db, rows.iter().map(|m| m.id.clone()).collect(), replaced_since).await?;
    let mut findings = findings_on_screen::findings_of(db, account, &rows, &definition).await?;
    let categories = in_screen_order(&definition, &rows)
        .map(|(category, pictures)| ReviewCategory {
            code: category.code.clone(),
            materials: pictures
                .map(|m| ReviewedMaterial {
                    material: material_queries::view_of(m),
                    previous: previous.iter().find(|v| v.material_id == m.id).map(|v| PreviousFile {
                        url: format!("/api/materials/{}/previous", m.id),
                        uploaded_at: china_time(v.uploaded_at),
                        replaced_at: china_time(v.replaced_at),
                    }),
                    last_flag: review_flags::flag_for(&flags, Some(&m.id)),
                    findings: findings.remove(&m.id),
                })
                .collect(),
        })
        .collect();
    Ok(ReviewSheet {
        application_id: row.id,
        exam: exam_store::summary_of(&definition),
        candidate_name: candidate.name.clone(),
        id_number_masked: candidate.masked_id_number(),
        state: row.state,
        round: row.round,
        version: ApplicationVersion(row.review_version),
        taken_by: held_by.and_then(|id| people.get(&id)).map(|p| p.name.clone()),
        taken_by_me: held_by == Some(account.id),
        form: application_queries::form_of(&row),
        position: row.position_code.clone(),
        form_flag: review_flags::flag_for(&flags, None),
        categories,
        history: timeline::entries(db, row.id, None).await?,
        next: next_in_queue(db, &row, decided_before, &definition).await?,
        definition,
    })
}

/// The application a "next" after this one would open, with its pictures' addresses in the order
/// its screen shows them, so the browser can fetch them while the reviewer still works on this one.
async fn next_in_queue(
    db: &DatabaseConnection,
    row: &application::Model,
    decided_before: Option<ApplicationId>,
    definition: &ExamDefinition,
) -> Result<Option<NextApplication>, AppError> {
    let passed_over: Vec<ApplicationId> = [Some(row.id), decided_before].into_iter().flatten().collect();
    let Some(next) = review_queue::next_awaiting(db, &row.exam_code, &passed_over).await? else { return Ok(None) };
    let rows = material_queries::rows_of(db, next.user_id, &next.exam_code).await?;
    let views: Vec<_> =
        in_screen_order(definition, &rows).flat_map(|(_, pictures)| pictures).map(material_queries::view_of).collect();
    Ok(Some(NextApplication {
        application_id: next.id,
        file_urls: views.iter().map(|v| v.file_url()).collect(),
        thumb_urls: views.iter().map(|v| v.thumb_url()).collect(),
    }))
}

/// An application's pictures as its review screen shows them: category by category in the exam's
/// order, each category's in the order `rows` has them (`rows_of`: sequence order). A category the
/// exam no longer has is left out.
fn in_screen_order<'a>(
    definition: &'a ExamDefinition,
    rows: &'a [material::Model],
) -> impl Iterator<Item = (&'a CategoryDefinition, impl Iterator<Item = &'a material::Model>)> {
    definition
        .categories
        .iter()
        .map(move |category| (category, rows.iter().filter(move |m| m.category == category.code)))
}

/// The reviewer whose hold on the application has not lapsed yet.
fn live_holder(row: &application::Model, now: DateTime<Utc>) -> Option<UserId> {
    row.reviewer_id.filter(|_| row.taken_at.is_some_and(|t| now - t < Duration::minutes(HOLD)))
}

/// For each picture, its newest earlier file if it was replaced after `since`.
async fn previous_versions(
    db: &DatabaseConnection,
    material_ids: Vec<MaterialId>,
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
        .await?;
    let mut newest: Vec<material_version::Model> = Vec::new();
    for version in versions {
        if !newest.iter().any(|v| v.material_id == version.material_id) {
            newest.push(version);
        }
    }
    Ok(newest)
}

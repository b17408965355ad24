//! The day at the on-site check as administrators follow it: of the exam's approved candidates, how many
//! were checked, passed, did not pass, and are still to come; and the same per candidate for the
//! export.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ApplicationState;
use crate::error::AppError;
use crate::models::on_site::OnSiteProgress;
use crate::ssr::application::people::names_of;
use crate::ssr::entities::{application, on_site_check};

/// Each approved application with its check, if it came to the on-site check.
async fn approved_with_checks(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
) -> Result<Vec<(application::Model, Option<on_site_check::Model>)>, AppError> {
    let approved = application::Entity::find()
        .filter(application::Column::ExamCode.eq(exam_code))
        .filter(application::Column::State.eq(ApplicationState::Approved))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let mut checks: HashMap<ApplicationId, on_site_check::Model> = on_site_check::Entity::find()
        .filter(on_site_check::Column::ExamCode.eq(exam_code))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.application_id, c))
        .collect();
    Ok(approved
        .into_iter()
        .map(|a| {
            let check = checks.remove(&a.id);
            (a, check)
        })
        .collect())
}

pub async fn progress(db: &DatabaseConnection, exam_code: &ExamCode) -> Result<OnSiteProgress, AppError> {
    let rows = approved_with_checks(db, exam_code).await?;
    let mut progress = OnSiteProgress { approved: rows.len() as u64, ..Default::default() };
    for (_, check) in &rows {
        match check.as_ref().and_then(|c| c.outcome) {
            Some(OnSiteOutcome::Passed) => progress.passed += 1,
            Some(OnSiteOutcome::Failed) => progress.failed += 1,
            None => {}
        }
        progress.checked += u64::from(check.is_some());
    }
    progress.to_come = progress.approved - progress.checked;
    Ok(progress)
}

pub const EXPORT_HEADER: [&str; 7] = [
    "姓名 Name",
    "证件号码 ID number",
    "原件审核 Originals",
    "Originals",
    "原因 Reason",
    "记录人 Recorded by",
    "记录时间（北京时间）Recorded at (Beijing time)",
];

pub async fn export_rows(db: &DatabaseConnection, exam_code: &ExamCode) -> Result<Vec<Vec<String>>, AppError> {
    let rows = approved_with_checks(db, exam_code).await?;
    let people = names_of(db, rows.iter().map(|(a, _)| a.user_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|(a, check)| {
            let person = people.get(&a.user_id);
            let outcome = check.as_ref().and_then(|c| c.outcome);
            let (zh, en) = match (outcome, check.is_some()) {
                (Some(outcome), _) => outcome.words(),
                (None, true) => ("核对中", "being checked"),
                (None, false) => ("未到场", "still to come"),
            };
            vec![
                person.map(|p| p.name.clone()).unwrap_or_default(),
                person.map(|p| p.id_number.clone()).unwrap_or_default(),
                zh.to_string(),
                en.to_string(),
                check.as_ref().and_then(|c| c.reason.clone()).unwrap_or_default(),
                check.as_ref().and_then(|c| c.decided_by.clone()).unwrap_or_default(),
                check
                    .as_ref()
                    .and_then(|c| c.decided_at)
                    .map(|t| crate::domain::china_time::china_time(t).wall_clock().to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect())
}

//! 考试成绩 as the candidate reads them (seeds 001/003's menu): their own scores in each exam whose
//! publication time has come (`admin::exam_scores` imports them and sets it), newest first.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::china_time::china_time;
use crate::domain::record_ids::ExamCode;
use crate::domain::score_sheet::Score;
use crate::error::AppError;
use crate::models::scores::{ExamScoreCard, SubjectScore};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::entities::{application, exam_score, score_release};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

/// The candidate's own published scores, newest publication first; of one exam only with `only`.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn own_scores(
    state: &ServerState,
    account: &Caller<Candidate>,
    only: Option<&ExamCode>,
) -> Result<Vec<ExamScoreCard>, AppError> {
    let mut applications = application::Entity::find().filter(application::Column::UserId.eq(account.id));
    if let Some(code) = only {
        applications = applications.filter(application::Column::ExamCode.eq(code.clone()));
    }
    let applications = applications.all(&state.db).await?;
    let now = state.clock.now();
    let mut cards = Vec::new();
    for application in applications {
        let Some(published_at) = published_at(state, &application.exam_code, now).await? else { continue };
        let rows = exam_score::Entity::find()
            .filter(exam_score::Column::ApplicationId.eq(application.id))
            .order_by_asc(exam_score::Column::SheetLine)
            .all(&state.db)
            .await?;
        if rows.is_empty() {
            continue;
        }
        let definition = exam_store::load(&state.db, &application.exam_code).await?;
        let (title_zh, title_en) = definition
            .map(|d| (d.title_zh, d.title_en))
            .unwrap_or_else(|| (application.exam_code.to_string(), application.exam_code.to_string()));
        cards.push((
            published_at,
            ExamScoreCard {
                exam_code: application.exam_code.clone(),
                title_zh,
                title_en,
                published_at: china_time(published_at),
                subjects: rows.iter().map(subject_score).collect(),
            },
        ));
    }
    cards.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    Ok(cards.into_iter().map(|(_, card)| card).collect())
}

/// When the exam's scores were published, if they have been by `now`.
async fn published_at(
    state: &ServerState,
    code: &ExamCode,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let release = score_release::Entity::find_by_id(code.clone()).one(&state.db).await?;
    Ok(release.map(|release| release.publishes_at).filter(|at| *at <= now))
}

fn subject_score(row: &exam_score::Model) -> SubjectScore {
    let score = match row.score_tenths {
        Some(tenths) => Score::Tenths(tenths.max(0) as u32),
        None => Score::Absent,
    };
    let mark = row.pass_mark_tenths.map(|tenths| tenths.max(0) as u32);
    SubjectScore {
        subject: row.subject.clone(),
        score_zh: score.text_zh(),
        score_en: score.text_en(),
        pass_mark: mark.map(|tenths| Score::Tenths(tenths).text_zh()),
        passed: score.passes(mark),
    }
}

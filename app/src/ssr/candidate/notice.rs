//! 报考须知 (seed 002: "阅读'报考须知'页面 … 点击'接受'后进入'承诺书'"): where an exam's file has one,
//! a candidate reads it on a page of its own and presses 接受 before the pledge; the acceptance is
//! kept with its time. The exam's page sends a candidate who has accepted neither to the notice,
//! and the pledge is refused until it is accepted. An application whose pledge came before the
//! exam had a notice goes on as it was.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use tower_sessions::Session;

use crate::domain::china_time::china_time;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::error::AppError;
use crate::models::exam::NoticeView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access::{self, CandidateExam};
use crate::ssr::access::gate::Candidate;
use crate::ssr::access::session_user::user_from_session;
use crate::ssr::entities::notice_acceptance;
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code))]
pub async fn notice_of(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
) -> Result<NoticeView, AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    let definition = &exam.definition;
    let text_zh = definition.notice_zh.clone().ok_or(AppError::NotFound)?;
    let accepted_at = accepted_at(&state.db, account.id, code).await?;
    Ok(NoticeView {
        exam_code: code.clone(),
        title_zh: definition.title_zh.clone(),
        title_en: definition.title_en.clone(),
        text_en: definition.notice_en.clone().unwrap_or_else(|| text_zh.clone()),
        text_zh,
        accepted_at: accepted_at.map(china_time),
    })
}

/// 接受, while the upload window is open; pressed twice (two tabs), the first time stays.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code))]
pub async fn accept(state: &ServerState, account: &Caller<Candidate>, code: &ExamCode) -> Result<(), AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    if exam.definition.notice_zh.is_none() {
        return Err(AppError::NotFound);
    }
    exam.ensure_window_open()?;
    notice_acceptance::Entity::insert(notice_acceptance::ActiveModel {
        user_id: Set(account.id),
        exam_code: Set(code.clone()),
        accepted_at: Set(exam.now),
    })
    .on_conflict(
        OnConflict::columns([notice_acceptance::Column::UserId, notice_acceptance::Column::ExamCode])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    tracing::info!(user_id = %account.id, exam = %code, "notice accepted");
    Ok(())
}

/// Whether the candidate must still read the exam's notice: it has one, it was not accepted, and
/// the pledge was not accepted either.
pub async fn still_to_read(db: &impl ConnectionTrait, user_id: UserId, exam: &CandidateExam) -> Result<bool, AppError> {
    let pledged = exam.application.as_ref().is_some_and(|application| application.pledge_accepted_at.is_some());
    if exam.definition.notice_zh.is_none() || pledged {
        return Ok(false);
    }
    Ok(accepted_at(db, user_id, &exam.definition.code).await?.is_none())
}

/// What the pledge answers while the notice waits.
pub fn read_it_first() -> AppError {
    AppError::invalid_field(
        "notice",
        "请先阅读并接受《报考须知》，再阅读承诺书",
        "Read and accept the notes for applicants (报考须知) first, then the pledge",
    )
}

/// For the exam's page: where a signed-in candidate who must read the notice first is sent
/// instead, or none (anyone else, and any trouble, goes on to the page, which says what it must).
/// Asked on every load of an exam's page: the exam's file is read first, and an exam without a
/// notice (most) costs nothing more; only then are the account and the application read.
pub async fn page_first(state: &ServerState, session: &Session, code: &ExamCode) -> Option<String> {
    let definition = exam_store::load(&state.db, code).await.ok()??;
    definition.notice_zh.as_ref()?;
    let account = user_from_session(session, &state.db).await.ok()?;
    let account = Caller::<Candidate>::admit(account).ok()?;
    let exam = candidate_access::enter(state, &account, code).await.ok()?;
    still_to_read(&state.db, account.id, &exam).await.ok()?.then(|| format!("/exams/{code}/notice"))
}

async fn accepted_at(
    db: &impl ConnectionTrait,
    user_id: UserId,
    code: &ExamCode,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    let row = notice_acceptance::Entity::find_by_id((user_id, code.clone())).one(db).await?;
    Ok(row.map(|row| row.accepted_at))
}

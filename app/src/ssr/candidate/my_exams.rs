//! 我的考试: the exams a candidate may enter, each with its phase by the server's clock, the next
//! deadline and where the application stands (a decision only from the results time).

use crate::domain::china_day::china_day_of;
use crate::domain::china_time::ChinaTime;
use crate::domain::exam_definition::ExamDefinition;
use crate::domain::exam_windows::Deadline;
use crate::domain::id_validity::IdValidity;
use crate::error::AppError;
use crate::models::candidate::ExamCard;
use crate::ssr::access::candidate_access::CandidateExam;
use crate::ssr::application::application_queries;
use crate::ssr::entities::user;
use crate::ssr::exams::{eligibility, exam_store, own_days, registrations};
use crate::ssr::infra::server_state::ServerState;

pub async fn cards(state: &ServerState, account: &user::Model) -> Result<Vec<ExamCard>, AppError> {
    let now = state.clock.now();
    let mut cards = Vec::new();
    for definition in exam_store::list_definitions(&state.db).await? {
        if !eligibility::is_eligible(&state.db, &definition, account).await? {
            continue;
        }
        let application = application_queries::find(&state.db, account.id, &definition.code).await?;
        let own_last_day = own_days::last_day_of(&state.db, &definition, &account.id_number).await?;
        let registration = registrations::registered_for(&state.db, &definition.code, &account.id_number).await?;
        let exam = CandidateExam::at(definition, application, own_last_day, now);
        let definition = &exam.definition;
        // Uploading closes for this candidate at their own last day where that comes first.
        let next_deadline = definition.windows.next_deadline(now).map(|(which, at)| match which {
            Deadline::UploadCloses => (which, exam.closes_at()),
            _ => (which, ChinaTime::of(&at)),
        });
        cards.push(ExamCard {
            exam: exam_store::summary_of(definition),
            phase: exam.phase,
            next_deadline,
            state: application_queries::state_seen_by_candidate(exam.application.as_ref(), &definition.windows, now),
            own_days: exam.own_days_note(),
            lapsed: exam.is_lapsed(),
            registered_as: registration.and_then(|registration| registration.words()),
            helpline: definition.helpline.as_ref().map(|helpline| helpline.words()),
            id_validity: id_validity_note(account, definition),
        });
    }
    Ok(cards)
}

/// Seed 002's "请关注本人身份证有效期": the candidate's document ends before the day it must hold —
/// the exam's last session where the exam seats its candidates, else the close of its review
/// (the qualification is judged on a valid document).
fn id_validity_note(account: &user::Model, definition: &ExamDefinition) -> Option<(String, String)> {
    let validity = IdValidity::from_stored(account.id_valid_until.as_deref()?)?;
    let last_session = definition.ticket.as_ref().and_then(|ticket| ticket.sessions.iter().map(|s| s.starts).max());
    let (day, what_zh, what_en) = match last_session {
        Some(starts) => (china_day_of(starts.to_utc()), "考试日期", "the exam's day"),
        None => (china_day_of(definition.windows.review_closes.to_utc()), "资格审核截止日期", "the review's last day"),
    };
    let ends = validity.expired_by(day)?;
    Some((
        format!("请关注本人身份证有效期：证件有效期至 {ends}，早于{what_zh} {day}，请及时换领有效证件。"),
        format!("Mind your ID's validity: it ends on {ends}, before {what_en}, {day}. Renew it in time."),
    ))
}

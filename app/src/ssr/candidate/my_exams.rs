//! 我的考试: the exams a candidate may enter, each with its phase by the server's clock, the next
//! deadline and where the application stands (a decision only from the results time).

use crate::domain::china_time::ChinaTime;
use crate::domain::exam_windows::Deadline;
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
        });
    }
    Ok(cards)
}

//! 我的考试: the exams a candidate may enter, each with its phase by the server's clock, the next
//! deadline and where the application stands (a decision only from the results time).

use crate::domain::exam_windows::format_moment;
use crate::error::AppError;
use crate::models::candidate::ExamCard;
use crate::ssr::application::application_queries;
use crate::ssr::entities::user;
use crate::ssr::exams::{eligibility, exam_store};
use crate::ssr::infra::server_state::ServerState;

pub async fn cards(state: &ServerState, account: &user::Model) -> Result<Vec<ExamCard>, AppError> {
    let now = state.clock.now();
    let mut cards = Vec::new();
    for definition in exam_store::list_definitions(&state.db).await? {
        if !eligibility::is_eligible(&state.db, &definition, account).await? {
            continue;
        }
        let application = application_queries::find(&state.db, account.id, &definition.code).await?;
        cards.push(ExamCard {
            exam: exam_store::summary_of(&definition),
            phase: definition.windows.phase_at(now),
            next_deadline: definition.windows.next_deadline(now).map(|(which, at)| (which, format_moment(&at))),
            state: application_queries::state_seen_by_candidate(application.as_ref(), &definition.windows, now),
        });
    }
    Ok(cards)
}

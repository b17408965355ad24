use leptos::prelude::*;

use crate::error::AppError;
use crate::models::candidate::ExamCard;

/// 我的考试: the exams the signed-in candidate may enter, each with its phase by the server's
/// clock, the next deadline and where the candidate's application stands.
#[server(endpoint = "list_exams", input = leptos::server_fn::codec::Json)]
pub async fn list_exams() -> Result<Vec<ExamCard>, AppError> {
    use crate::domain::exam_windows::format_moment;
    use crate::ssr::{applications, eligibility, exams, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            let now = state.clock.now();
            let mut cards = Vec::new();
            for definition in exams::list_definitions(&state.db).await? {
                if !eligibility::is_eligible(&state.db, &definition, &account).await? {
                    continue;
                }
                let application = applications::find(&state.db, account.id, &definition.code).await?;
                cards.push(ExamCard {
                    exam: exams::summary_of(&definition),
                    phase: definition.windows.phase_at(now),
                    next_deadline: definition.windows.next_deadline(now).map(|(which, at)| (which, format_moment(&at))),
                    state: applications::state_seen_by_candidate(application.as_ref(), &definition.windows, now),
                });
            }
            Ok(cards)
        }
        .await,
    )
}

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::review::ReviewerExam;

/// The exams the signed-in reviewer may review (every exam for an administrator), with how many
/// applications wait for a decision.
#[server(endpoint = "review_exams", input = leptos::server_fn::codec::Json)]
pub async fn review_exams() -> Result<Vec<ReviewerExam>, AppError> {
    use crate::domain::Role;
    use crate::ssr::{applications, exams, reviewer_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            reviewer_access::require_reviewer_role(&account)?;
            let definitions = if account.role == Role::Admin {
                exams::list_definitions(&state.db).await?
            } else {
                let mut assigned = Vec::new();
                for code in reviewer_access::assigned_exams(&state.db, account.id).await? {
                    assigned.extend(exams::load(&state.db, &code).await?);
                }
                assigned
            };
            let now = state.clock.now();
            let mut rows = Vec::new();
            for definition in definitions {
                let counts = applications::count_by_state(&state.db, &definition.code).await?;
                let awaiting = counts.iter().filter(|(s, _)| s.awaits_review()).map(|(_, n)| n).sum();
                rows.push(ReviewerExam {
                    exam: exams::summary_of(&definition),
                    phase: definition.windows.phase_at(now),
                    awaiting,
                });
            }
            Ok(rows)
        }
        .await,
    )
}

//! The reviewer's start page: the exams they may review (every exam for an administrator), each
//! with how many applications wait for a decision, and those whose on-site check alone they work.

use crate::domain::staff_duty::StaffDuty;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::review::ReviewerExam;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access;
use crate::ssr::application::application_queries;
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn exams(state: &ServerState, account: &Caller<Staff>) -> Result<Vec<ReviewerExam>, AppError> {
    let definitions = if account.role == Role::Admin {
        exam_store::list_definitions(&state.db).await?.into_iter().map(|d| (d, StaffDuty::Review)).collect()
    } else {
        let mut assigned = Vec::new();
        for (code, duty) in reviewer_access::assignments(&state.db, account.id).await? {
            assigned.extend(exam_store::load(&state.db, &code).await?.map(|d| (d, duty)));
        }
        assigned
    };
    let now = state.clock.now();
    let mut rows = Vec::new();
    for (definition, duty) in definitions {
        // How many wait is for those who review them.
        let awaiting = if duty.reviews() {
            let counts = application_queries::count_by_state(&state.db, &definition.code).await?;
            counts.iter().filter(|(s, _)| s.awaits_review()).map(|(_, n)| n).sum()
        } else {
            0
        };
        rows.push(ReviewerExam {
            exam: exam_store::summary_of(&definition),
            phase: definition.windows.phase_at(now),
            awaiting,
            reviews: duty.reviews(),
            on_site: definition.on_site.is_some(),
        });
    }
    Ok(rows)
}

//! The deciding half of the review screen: a decision proposed and waiting for the reviewer's
//! confirmation, the one the server stored, and the server's refusal if it refused.

use leptos::prelude::*;

use super::screen_state::Taking;
use crate::api::review::decide_application;
use crate::domain::record_ids::{ApplicationId, ApplicationVersion, MaterialId};
use crate::domain::review_decision::{check_decision, Decision};
use crate::error::AppError;

/// A stored decision and the application the queue offers next, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    pub decision: Decision,
    pub next: Option<ApplicationId>,
}

#[derive(Clone, Copy)]
pub struct Verdict {
    /// Proposed, waiting for the reviewer to confirm.
    pub pending: RwSignal<Option<Decision>>,
    pub failure: RwSignal<Option<AppError>>,
    pub decided: RwSignal<Option<Decided>>,
    /// N was pressed while the decision was on its way: the next application opens once it is
    /// stored, so a reviewer typing Enter, N in one go loses neither key.
    pub next_asked: RwSignal<bool>,
    /// The pictures a decision may name.
    material_ids: StoredValue<Vec<MaterialId>>,
    decide: Action<Decision, ()>,
}

impl Verdict {
    /// `version` is the application's as the reviewer saw it: a decision on a screen that has since
    /// been taken, decided or resubmitted is refused.
    pub fn new(
        application_id: ApplicationId,
        version: ApplicationVersion,
        material_ids: Vec<MaterialId>,
        taking: Taking,
    ) -> Verdict {
        let (pending, failure, decided) = (RwSignal::new(None), RwSignal::new(None), RwSignal::new(None));
        let next_asked = RwSignal::new(false);
        let decide = Action::new(move |decision: &Decision| {
            let decision = decision.clone();
            async move {
                // A screen drawn from the sheet read ahead is up before its take has answered, and
                // a decision names the take's version: it waits for it. Should the take have given
                // another sheet, the screen is being drawn again from that one, and this decision,
                // made on what is no longer there, is not sent.
                let (taken, answer) = taking.await;
                if taken != application_id || !matches!(&answer, Ok(sheet) if sheet.version == version) {
                    pending.set(None);
                    return;
                }
                failure.set(None);
                match decide_application(application_id, version, decision.clone()).await {
                    Ok(next) => decided.set(Some(Decided { decision, next })),
                    Err(error) => {
                        // Refused: the reviewer must see why before anything moves on.
                        next_asked.set(false);
                        failure.set(Some(error));
                    }
                }
                pending.set(None);
            }
        });
        Verdict { pending, failure, decided, next_asked, material_ids: StoredValue::new(material_ids), decide }
    }

    /// Checked here with the server's own rules before anything is sent; a rejection's reason is
    /// asked for in the confirmation.
    pub fn propose(&self, decision: Decision) {
        let problems = check_decision(&decision, &self.material_ids.get_value());
        if problems.is_empty() || matches!(decision, Decision::Reject { .. }) {
            self.failure.set(None);
            self.pending.set(Some(decision));
        } else {
            self.failure.set(Some(AppError::DecisionInvalid { problems }));
        }
    }

    pub fn confirm(&self, decision: Decision) {
        self.decide.dispatch(decision);
    }

    /// A confirmed decision is on its way to the server.
    pub fn sending(&self) -> bool {
        self.decide.pending().get_untracked()
    }
}

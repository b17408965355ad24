//! The review screen's state, apart from how it looks: which picture is shown and how, what the
//! reviewer has marked, and the verdict. Every key goes through `perform`, which asks whether the
//! screen allows the action now.

use leptos::prelude::*;

use super::material_viewer::ZOOMS;
use super::review_marks::{Mark, Marks, FORM_KEY};
use super::screen_action::{ReviewAction, ScreenMoment};
use super::screen_materials::{placed_materials, PlacedMaterial};
use super::screen_verdict::{Decided, Verdict};
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::review_decision::{Decision, ReviewReason};
use crate::error::AppError;
use crate::models::review::ReviewSheet;

/// Opening an application on the review screen, which takes it. Each answer names the application
/// asked for, as the resource keeps its last answer while the next is on its way.
pub type Taking = LocalResource<(ApplicationId, Result<ReviewSheet, AppError>)>;

/// What the "needs replacement" dialog is open for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkTarget {
    ShownMaterial,
    Form,
}

#[derive(Clone, Copy)]
pub struct ReviewScreen {
    pub materials: StoredValue<Vec<PlacedMaterial>>,
    /// Which of `materials` is shown.
    pub shown: RwSignal<usize>,
    /// Index into `ZOOMS`.
    pub zoom: RwSignal<usize>,
    /// Quarter turns clockwise, of the view only.
    pub turns: RwSignal<u32>,
    pub marks: RwSignal<Marks>,
    pub marking: RwSignal<Option<MarkTarget>>,
    pub verdict: Verdict,
    /// The application waits for a decision and the person looking holds it.
    pub can_decide: bool,
    exam_code: StoredValue<ExamCode>,
    navigate: Callback<String>,
}

impl ReviewScreen {
    pub fn new(sheet: &ReviewSheet, taking: Taking, navigate: Callback<String>) -> ReviewScreen {
        let materials = placed_materials(sheet);
        let material_ids = materials.iter().map(|p| p.reviewed.material.id.clone()).collect();
        ReviewScreen {
            materials: StoredValue::new(materials),
            shown: RwSignal::new(0),
            zoom: RwSignal::new(2),
            turns: RwSignal::new(0),
            marks: RwSignal::new(Marks::default()),
            marking: RwSignal::new(None),
            verdict: Verdict::new(sheet.application_id, sheet.version, material_ids, taking),
            can_decide: sheet.state.awaits_review() && sheet.taken_by_me,
            exam_code: StoredValue::new(sheet.exam.code.clone()),
            navigate,
        }
    }

    pub fn count(&self) -> usize {
        self.materials.with_value(Vec::len)
    }

    /// The picture on screen (tracked).
    pub fn current(&self) -> Option<PlacedMaterial> {
        self.materials.with_value(|all| all.get(self.shown.get()).cloned())
    }

    /// A dialog is open: keys belong to it, not to the review screen.
    pub fn dialog_open(&self) -> bool {
        self.marking.get_untracked().is_some() || self.verdict.pending.get_untracked().is_some()
    }

    /// Does what a key asks if the review screen allows it now, and says whether it did.
    pub fn perform(&self, action: ReviewAction) -> bool {
        let decided = self.verdict.decided.with_untracked(Option::is_some);
        if !action.available(ScreenMoment { can_decide: self.can_decide, decided, has_materials: self.count() > 0 }) {
            return false;
        }
        match action {
            ReviewAction::PreviousMaterial => self.go(-1),
            ReviewAction::NextMaterial => self.go(1),
            ReviewAction::NextFinding => self.go_to_next_finding(),
            ReviewAction::ZoomIn => self.zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1)),
            ReviewAction::ZoomOut => self.zoom.update(|z| *z = z.saturating_sub(1)),
            ReviewAction::Rotate => self.turns.update(|t| *t += 1),
            ReviewAction::MarkOk => {
                self.mark_shown(Mark::Ok);
                self.go(1);
            }
            ReviewAction::MarkForReplacement => self.marking.set(Some(MarkTarget::ShownMaterial)),
            ReviewAction::MarkForm => self.marking.set(Some(MarkTarget::Form)),
            ReviewAction::Approve => self.verdict.propose(Decision::Approve),
            ReviewAction::ReturnMarked => self.verdict.propose(self.marks.get_untracked().return_decision()),
            ReviewAction::Reject => self.verdict.propose(Decision::Reject { reason: String::new() }),
            ReviewAction::NextApplication => self.open_next(),
        }
        true
    }

    /// Moves through the pictures; a new picture starts unrotated.
    pub fn go(&self, delta: isize) {
        let count = self.count();
        if count > 0 {
            self.shown.update(|i| *i = (*i as isize + delta).clamp(0, count as isize - 1) as usize);
            self.turns.set(0);
        }
    }

    /// To the next picture after the shown one, coming round from the first, on which the machine
    /// found something worth a look (the facts beside it say what); stays put when there is none.
    pub fn go_to_next_finding(&self) {
        let shown = self.shown.get_untracked();
        let worth_a_look = self.materials.with_value(|all| {
            let count = all.len();
            (1..=count)
                .map(|step| (shown + step) % count)
                .find(|&i| all[i].reviewed.findings.as_ref().is_some_and(|findings| !findings.kinds().is_empty()))
        });
        if let Some(index) = worth_a_look.filter(|&i| i != shown) {
            self.shown.set(index);
            self.turns.set(0);
        }
    }

    /// Stores "needs replacement" on what the dialog was opened for; after a picture the next one
    /// comes up, as after O.
    pub fn save_mark(&self, target: MarkTarget, reason: ReviewReason, comment: String) {
        match target {
            MarkTarget::Form => self.marks.update(|m| {
                m.0.insert(FORM_KEY.to_string(), Mark::Replace { reason, comment });
            }),
            MarkTarget::ShownMaterial => self.mark_shown(Mark::Replace { reason, comment }),
        }
        self.marking.set(None);
        if target == MarkTarget::ShownMaterial {
            self.go(1);
        }
    }

    pub fn queue_path(&self) -> String {
        format!("/review/exams/{}", self.exam_code.get_value())
    }

    fn mark_shown(&self, mark: Mark) {
        let shown = self.shown.get_untracked();
        if let Some(id) = self.materials.with_value(|all| all.get(shown).map(|p| p.reviewed.material.id.clone())) {
            self.marks.update(|m| {
                m.0.insert(id.0, mark);
            });
        }
    }

    fn open_next(&self) {
        match self.verdict.decided.get_untracked() {
            Some(Decided { next: Some(next), .. }) => self.navigate.run(format!("/review/applications/{next}")),
            _ => self.navigate.run(self.queue_path()),
        }
    }
}

//! What may happen to an application in which state, and where each change leads. The server
//! claims an application for a change only in the states `allowed_from` names, and stores the
//! state `after` gives: the whole life cycle is this table.
//!
//! ```text
//! (none) ─pledge→ Draft ─submit→ Submitted ─┬─approve→ Approved
//!                  ↑ edit / save form        ├─reject→  Rejected
//!                                             └─return→ Returned ─submit→ Resubmitted ─(decide again)
//!                                                        ↑ replace flagged / save flagged form
//! ```

use super::application_state::ApplicationState;
use ApplicationState::*;

/// Something a candidate or a reviewer does to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// 同意并进入下一步: the pledge starts the draft.
    AcceptPledge,
    /// Upload, delete or reorder pictures in a draft.
    EditDraft,
    /// Replace a picture a reviewer flagged, in its place.
    ReplaceFlagged,
    /// 暂存: keep the form (in a draft, or after a return that flagged it).
    SaveForm,
    /// 提交审核, or 重新提交审核 after a return.
    Submit,
    Approve,
    Return,
    Reject,
}

impl Change {
    /// The states in which this change may be made.
    pub fn allowed_from(self) -> &'static [ApplicationState] {
        match self {
            Change::AcceptPledge => &[NotStarted],
            Change::EditDraft => &[Draft],
            Change::ReplaceFlagged => &[Returned],
            Change::SaveForm | Change::Submit => &[Draft, Returned],
            Change::Approve | Change::Return | Change::Reject => &[Submitted, Resubmitted],
        }
    }
}

impl ApplicationState {
    /// Where `change` leads from here, or `None` when it may not be made in this state.
    pub fn after(self, change: Change) -> Option<ApplicationState> {
        if !change.allowed_from().contains(&self) {
            return None;
        }
        Some(match change {
            Change::AcceptPledge => Draft,
            Change::EditDraft | Change::ReplaceFlagged | Change::SaveForm => self,
            Change::Submit if self == Returned => Resubmitted,
            Change::Submit => Submitted,
            Change::Approve => Approved,
            Change::Return => Returned,
            Change::Reject => Rejected,
        })
    }

    /// A change refused in this state is refused because the application is locked (handed in
    /// or decided), or because only what a reviewer opened may change (a draft or a return).
    pub fn is_open_to_candidate(self) -> bool {
        matches!(self, Draft | Returned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANGES: [Change; 8] = [
        Change::AcceptPledge,
        Change::EditDraft,
        Change::ReplaceFlagged,
        Change::SaveForm,
        Change::Submit,
        Change::Approve,
        Change::Return,
        Change::Reject,
    ];

    #[test]
    fn a_first_submission_is_submitted_and_a_corrected_one_resubmitted() {
        assert_eq!(Draft.after(Change::Submit), Some(Submitted));
        assert_eq!(Returned.after(Change::Submit), Some(Resubmitted));
    }

    #[test]
    fn reviewers_decide_only_what_waits_for_them() {
        for waiting in [Submitted, Resubmitted] {
            assert_eq!(waiting.after(Change::Approve), Some(Approved));
            assert_eq!(waiting.after(Change::Return), Some(Returned));
            assert_eq!(waiting.after(Change::Reject), Some(Rejected));
        }
        for other in [NotStarted, Draft, Returned, Approved, Rejected] {
            assert_eq!(other.after(Change::Approve), None, "{other:?}");
        }
    }

    #[test]
    fn materials_change_in_a_draft_and_are_replaced_only_after_a_return() {
        assert_eq!(Draft.after(Change::EditDraft), Some(Draft));
        assert_eq!(Returned.after(Change::EditDraft), None);
        assert_eq!(Returned.after(Change::ReplaceFlagged), Some(Returned));
        assert_eq!(Draft.after(Change::ReplaceFlagged), None);
    }

    #[test]
    fn nothing_a_candidate_does_moves_a_handed_in_or_decided_application() {
        let candidate_changes = [Change::EditDraft, Change::ReplaceFlagged, Change::SaveForm, Change::Submit];
        for state in [Submitted, Resubmitted, Approved, Rejected] {
            assert!(!state.is_open_to_candidate());
            for change in candidate_changes {
                assert_eq!(state.after(change), None, "{state:?} {change:?}");
            }
        }
    }

    #[test]
    fn decided_applications_are_final() {
        for state in [Approved, Rejected] {
            assert!(CHANGES.iter().all(|change| state.after(*change).is_none()), "{state:?}");
        }
    }

    #[test]
    fn the_pledge_is_the_only_way_in() {
        for change in CHANGES {
            let expected = (change == Change::AcceptPledge).then_some(Draft);
            assert_eq!(NotStarted.after(change), expected, "{change:?}");
        }
    }
}

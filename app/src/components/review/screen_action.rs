//! What the reviewer can do at the review screen, and when: looking is always allowed; marking and
//! deciding only before the decision and only by whoever holds the application; moving on to the
//! next application only after deciding. Pure Rust, shared by the keys and the tests.

/// Everything a key does on the review screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    PreviousMaterial,
    NextMaterial,
    /// To the next picture with something the machine found worth a look.
    NextFinding,
    MarkOk,
    MarkForReplacement,
    MarkForm,
    ZoomIn,
    ZoomOut,
    Rotate,
    Approve,
    ReturnMarked,
    Reject,
    NextApplication,
}

impl ReviewAction {
    pub const ALL: [ReviewAction; 13] = [
        ReviewAction::PreviousMaterial,
        ReviewAction::NextMaterial,
        ReviewAction::NextFinding,
        ReviewAction::MarkOk,
        ReviewAction::MarkForReplacement,
        ReviewAction::MarkForm,
        ReviewAction::ZoomIn,
        ReviewAction::ZoomOut,
        ReviewAction::Rotate,
        ReviewAction::Approve,
        ReviewAction::ReturnMarked,
        ReviewAction::Reject,
        ReviewAction::NextApplication,
    ];
}

/// Where the review screen stands when a key arrives.
#[derive(Clone, Copy, Debug)]
pub struct ScreenMoment {
    /// The application waits for a decision and the person looking holds it.
    pub can_decide: bool,
    pub decided: bool,
    pub has_materials: bool,
}

impl ReviewAction {
    pub fn available(self, moment: ScreenMoment) -> bool {
        use ReviewAction::*;
        let may_decide = moment.can_decide && !moment.decided;
        match self {
            PreviousMaterial | NextMaterial | NextFinding | ZoomIn | ZoomOut | Rotate => true,
            NextApplication => moment.decided,
            MarkForReplacement => may_decide && moment.has_materials,
            MarkOk | MarkForm | Approve | ReturnMarked | Reject => may_decide,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReviewAction::*;
    use super::*;

    const LOOKING: ScreenMoment = ScreenMoment { can_decide: true, decided: false, has_materials: true };

    #[test]
    fn next_application_waits_for_a_decision() {
        assert!(!NextApplication.available(LOOKING));
        assert!(NextApplication.available(ScreenMoment { decided: true, ..LOOKING }));
    }

    #[test]
    fn nothing_is_marked_or_decided_twice() {
        let after = ScreenMoment { decided: true, ..LOOKING };
        assert!([MarkOk, MarkForReplacement, MarkForm, Approve, ReturnMarked, Reject]
            .iter()
            .all(|a| !a.available(after)));
        assert!(NextMaterial.available(after));
    }

    #[test]
    fn someone_who_does_not_hold_the_application_can_only_look() {
        let watching = ScreenMoment { can_decide: false, ..LOOKING };
        assert!(!Approve.available(watching) && !MarkOk.available(watching));
        assert!(ZoomIn.available(watching) && Rotate.available(watching));
    }

    #[test]
    fn x_needs_a_material_to_mark() {
        assert!(!MarkForReplacement.available(ScreenMoment { has_materials: false, ..LOOKING }));
        assert!(MarkForm.available(ScreenMoment { has_materials: false, ..LOOKING }));
    }
}

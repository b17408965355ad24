//! The steps of applying, as seed 002 shows them at the top of its pages — "注册 → 上传照片 → 填写个人信息
//! → 选择职位 → 报名信息确认 → 资格审核 → 缴费 → 完成" — each exam's own (no position to choose where it
//! recruits for none, no fee where it charges none, 上传材料 where it asks for more than a photo), and
//! the one the candidate is at. Worked out by the server; the exam page only draws it.

use super::application_state::ApplicationState;
use super::fee_status::FeeStatus;

/// What the steps are made of, and where the application stands.
#[derive(Clone, Copy, Debug)]
pub struct FlowFacts {
    /// Every category is an ID photo (seed 002): the step reads 上传照片.
    pub photo_only: bool,
    pub has_form: bool,
    pub has_positions: bool,
    pub state: ApplicationState,
    /// Every required picture is there.
    pub uploads_done: bool,
    /// The personal form passes the submission's check.
    pub form_done: bool,
    pub position_chosen: bool,
    pub fee: FeeStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    SignUp,
    Upload,
    Form,
    Position,
    Confirm,
    Review,
    Fee,
    Done,
}

/// The exam's steps, (Chinese, English) each, and the index of the one the candidate is at.
pub fn flow_steps(facts: &FlowFacts) -> (Vec<(String, String)>, usize) {
    let steps: Vec<Step> = [
        Some(Step::SignUp),
        Some(Step::Upload),
        facts.has_form.then_some(Step::Form),
        facts.has_positions.then_some(Step::Position),
        Some(Step::Confirm),
        Some(Step::Review),
        (facts.fee != FeeStatus::NotRequired).then_some(Step::Fee),
        Some(Step::Done),
    ]
    .into_iter()
    .flatten()
    .collect();
    let at = current(facts);
    let index = steps.iter().position(|step| *step == at).unwrap_or(0);
    let words =
        steps.iter().map(|step| words(*step, facts.photo_only)).map(|(zh, en)| (zh.into(), en.into())).collect();
    (words, index)
}

fn current(facts: &FlowFacts) -> Step {
    use ApplicationState as S;
    match facts.state {
        S::NotStarted | S::Draft | S::Returned if !facts.uploads_done => Step::Upload,
        S::NotStarted | S::Draft | S::Returned if facts.has_form && !facts.form_done => Step::Form,
        S::NotStarted | S::Draft | S::Returned if facts.has_positions && !facts.position_chosen => Step::Position,
        S::NotStarted | S::Draft | S::Returned => Step::Confirm,
        S::Submitted | S::Resubmitted | S::Rejected => Step::Review,
        S::Approved => match facts.fee {
            FeeStatus::NotRequired | FeeStatus::Paid => Step::Done,
            _ => Step::Fee,
        },
    }
}

fn words(step: Step, photo_only: bool) -> (&'static str, &'static str) {
    match step {
        Step::SignUp => ("注册", "Sign up"),
        Step::Upload if photo_only => ("上传照片", "Upload the photo"),
        Step::Upload => ("上传材料", "Upload materials"),
        Step::Form => ("填写个人信息", "Personal information"),
        Step::Position => ("选择职位", "Choose a position"),
        Step::Confirm => ("报名信息确认", "Confirm and submit"),
        Step::Review => ("资格审核", "Eligibility review"),
        Step::Fee => ("缴费", "Pay the fee"),
        Step::Done => ("完成", "Done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_002(state: ApplicationState) -> FlowFacts {
        FlowFacts {
            photo_only: true,
            has_form: true,
            has_positions: true,
            state,
            uploads_done: false,
            form_done: false,
            position_chosen: false,
            fee: FeeStatus::Due,
        }
    }

    fn zh(steps: &[(String, String)]) -> Vec<&str> {
        steps.iter().map(|(zh, _)| zh.as_str()).collect()
    }

    #[test]
    fn seed_002_s_flow_is_its_eight_steps_and_a_new_candidate_is_at_the_photo() {
        let (steps, at) = flow_steps(&seed_002(ApplicationState::Draft));
        assert_eq!(
            zh(&steps),
            ["注册", "上传照片", "填写个人信息", "选择职位", "报名信息确认", "资格审核", "缴费", "完成"]
        );
        assert_eq!(at, 1);
    }

    #[test]
    fn each_thing_done_moves_the_candidate_on_to_the_next() {
        let mut facts = seed_002(ApplicationState::Draft);
        facts.uploads_done = true;
        assert_eq!(flow_steps(&facts).1, 2, "the form");
        facts.form_done = true;
        assert_eq!(flow_steps(&facts).1, 3, "the position");
        facts.position_chosen = true;
        assert_eq!(flow_steps(&facts).1, 4, "confirm and submit");
        facts.state = ApplicationState::Submitted;
        assert_eq!(flow_steps(&facts).1, 5, "under review");
        facts.state = ApplicationState::Approved;
        assert_eq!(flow_steps(&facts).1, 6, "the fee");
        facts.fee = FeeStatus::Paid;
        assert_eq!(flow_steps(&facts).1, 7, "done");
        facts.fee = FeeStatus::Refunded;
        assert_eq!(flow_steps(&facts).1, 6, "refunded: the fee is due again");
    }

    #[test]
    fn an_exam_without_positions_or_a_fee_leaves_their_steps_out_and_a_return_goes_back_to_the_pictures() {
        let facts = FlowFacts {
            photo_only: false,
            has_form: false,
            has_positions: false,
            state: ApplicationState::Returned,
            uploads_done: false,
            form_done: true,
            position_chosen: false,
            fee: FeeStatus::NotRequired,
        };
        let (steps, at) = flow_steps(&facts);
        assert_eq!(zh(&steps), ["注册", "上传材料", "报名信息确认", "资格审核", "完成"]);
        assert_eq!(at, 1);
        let approved = FlowFacts { state: ApplicationState::Approved, ..facts };
        assert_eq!(flow_steps(&approved).1, 4, "approved with nothing to pay: done");
    }
}

//! Where a candidate's application stands, and what each state means to the people who see it.
//! What may happen in which state is the life cycle's (`application_life_cycle`).

use serde::{Deserialize, Serialize};

/// Where a candidate's application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
// The server's `applications.state` column is typed by this enum (a derive, the domain's only
// `cfg`): an unknown value in the database is an error, never silently "not started".
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Not entered yet (no pledge accepted). Never stored: no row means not started.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_started"))]
    NotStarted,
    /// Pledge accepted; uploading and filling in, saved as a draft.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// 提交审核 done: everything locked, waiting for a reviewer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    /// Sent back: the flagged pictures (and the form, if flagged) are open for the candidate.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "returned"))]
    Returned,
    /// Corrected and submitted again, waiting for a reviewer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resubmitted"))]
    Resubmitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 7] = [
        ApplicationState::NotStarted,
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::Returned,
        ApplicationState::Resubmitted,
        ApplicationState::Approved,
        ApplicationState::Rejected,
    ];

    /// Every state an application can be in once the candidate has entered (all but NotStarted).
    pub const ENTERED: &'static [ApplicationState] = Self::ALL.split_at(1).1;

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "not_started",
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Returned => "returned",
            ApplicationState::Resubmitted => "resubmitted",
            ApplicationState::Approved => "approved",
            ApplicationState::Rejected => "rejected",
        }
    }

    /// The state written as `as_str` writes it; anything else is not a state.
    pub fn parse(text: &str) -> Option<ApplicationState> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Waiting for a reviewer's decision.
    pub fn awaits_review(self) -> bool {
        matches!(self, ApplicationState::Submitted | ApplicationState::Resubmitted)
    }

    /// A final decision: it reaches the candidate only at the exam's results time.
    pub fn is_result(self) -> bool {
        matches!(self, ApplicationState::Approved | ApplicationState::Rejected)
    }

    /// What the candidate may know: before the results time a decided application still reads
    /// as under review.
    pub fn as_seen_by_candidate(self, results_published: bool) -> ApplicationState {
        if self.is_result() && !results_published {
            ApplicationState::Submitted
        } else {
            self
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "未开始",
            ApplicationState::Draft => "未提交（草稿）",
            ApplicationState::Submitted => "已提交审核",
            ApplicationState::Returned => "退回修改",
            ApplicationState::Resubmitted => "已重新提交",
            ApplicationState::Approved => "审核通过",
            ApplicationState::Rejected => "审核不通过",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ApplicationState::NotStarted => "Not started",
            ApplicationState::Draft => "Draft, not submitted",
            ApplicationState::Submitted => "Submitted for review",
            ApplicationState::Returned => "Returned for revision",
            ApplicationState::Resubmitted => "Resubmitted",
            ApplicationState::Approved => "Approved",
            ApplicationState::Rejected => "Rejected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_from_its_stored_text_and_nothing_else_does() {
        for state in ApplicationState::ALL {
            assert_eq!(ApplicationState::parse(state.as_str()), Some(state));
        }
        assert_eq!(ApplicationState::parse("archived"), None);
        assert_eq!(ApplicationState::parse(""), None);
    }

    /// The column holds exactly the text the queue's filter keys and the logs use.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_stored_text_is_the_shown_text() {
        use sea_orm::ActiveEnum;
        for state in ApplicationState::ALL {
            assert_eq!(state.to_value(), state.as_str());
        }
    }

    #[test]
    fn a_decision_reads_as_under_review_until_the_results_time() {
        assert_eq!(ApplicationState::Approved.as_seen_by_candidate(false), ApplicationState::Submitted);
        assert_eq!(ApplicationState::Rejected.as_seen_by_candidate(true), ApplicationState::Rejected);
        assert_eq!(ApplicationState::Returned.as_seen_by_candidate(false), ApplicationState::Returned);
    }

    #[test]
    fn entered_is_every_state_but_not_started() {
        assert!(!ApplicationState::ENTERED.contains(&ApplicationState::NotStarted));
        assert_eq!(ApplicationState::ENTERED.len(), ApplicationState::ALL.len() - 1);
    }
}

//! 原件审核's outcome at the branch's on-site check (seed 004, 七): recorded once per candidate, by whoever
//! records it first, and never changed afterwards.

use serde::{Deserialize, Serialize};

/// 原件审核通过 or 不通过.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
// The server's `on_site_checks.outcome` column is typed by this enum: an unknown value in the
// database is an error, never read as "not passed".
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum OnSiteOutcome {
    /// 原件审核通过: the originals were all seen (or stood in for); the fee may follow.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "passed"))]
    Passed,
    /// 原件审核不通过, with the clerk's reason.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "failed"))]
    Failed,
}

impl OnSiteOutcome {
    /// The one move there is: from no outcome to one. An outcome recorded stays.
    pub fn may_follow(recorded: Option<OnSiteOutcome>) -> bool {
        recorded.is_none()
    }

    /// "通过" / "passed", as the on-site check's words and its export say it.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            OnSiteOutcome::Passed => ("通过", "passed"),
            OnSiteOutcome::Failed => ("不通过", "not passed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_is_recorded_once_and_travels_as_the_column_writes_it() {
        assert!(OnSiteOutcome::may_follow(None));
        assert!(!OnSiteOutcome::may_follow(Some(OnSiteOutcome::Failed)));
        assert!(!OnSiteOutcome::may_follow(Some(OnSiteOutcome::Passed)));
        assert_eq!(serde_json::to_string(&OnSiteOutcome::Passed).unwrap(), "\"passed\"");
    }
}

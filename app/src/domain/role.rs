//! Who an account is to the system. Stored as text in `users.role`; on the server the column is
//! typed by this enum, so a value that is not one of these is a database error, not a guess.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
// The one `cfg` of the domain: a derive, so the server's column is typed by this very enum
// while the WASM build, which has no database, never sees it.
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "candidate"))]
    Candidate,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reviewer"))]
    Reviewer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Candidate, Role::Reviewer, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    /// Reviewers and administrators work the review queues; administrators review every exam.
    pub fn may_review(self) -> bool {
        matches!(self, Role::Reviewer | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The column holds exactly the text the rest of the code (logs, the demo listing) shows.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_stored_text_is_the_shown_text() {
        use sea_orm::ActiveEnum;
        for role in Role::ALL {
            assert_eq!(role.to_value(), role.as_str());
        }
    }

    #[test]
    fn only_reviewers_and_administrators_review() {
        assert!(!Role::Candidate.may_review());
        assert!(Role::Reviewer.may_review());
        assert!(Role::Admin.may_review());
    }
}

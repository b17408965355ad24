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

    pub fn parse(text: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Reviewers and administrators work the review queues; administrators review every exam.
    pub fn may_review(self) -> bool {
        matches!(self, Role::Reviewer | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_stored_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_reviewers_and_administrators_review() {
        assert!(!Role::Candidate.may_review());
        assert!(Role::Reviewer.may_review());
        assert!(Role::Admin.may_review());
    }
}

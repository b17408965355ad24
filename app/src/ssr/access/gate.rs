//! The kinds of caller a service can ask for. A service meant for administrators takes a
//! `Caller<Admin>`, and the only ways to hold one go through `Caller::admit`, which checks the
//! role: so such a service cannot be reached with a candidate's account, by construction.

use crate::domain::Role;

/// Which roles a kind of caller admits.
pub trait Gate {
    fn admits(role: Role) -> bool;
}

/// Any signed-in account; what it may do is the service's to decide (its own notifications, its
/// password, its own pictures).
pub struct Anyone;

/// Candidates: only they hold applications, orders and admission tickets.
pub struct Candidate;

/// Reviewers and administrators, who work the review queues (administrators review every exam;
/// a reviewer's reach is still checked exam by exam, in `reviewer_access`).
pub struct Staff;

/// Administrators.
pub struct Admin;

impl Gate for Anyone {
    fn admits(_: Role) -> bool {
        true
    }
}

impl Gate for Candidate {
    fn admits(role: Role) -> bool {
        role == Role::Candidate
    }
}

impl Gate for Staff {
    fn admits(role: Role) -> bool {
        role.may_review()
    }
}

impl Gate for Admin {
    fn admits(role: Role) -> bool {
        role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_caller_admits_exactly_its_roles() {
        let admitted = |admits: fn(Role) -> bool| Role::ALL.into_iter().filter(|r| admits(*r)).collect::<Vec<_>>();
        assert_eq!(admitted(Anyone::admits), vec![Role::Candidate, Role::Reviewer, Role::Admin]);
        assert_eq!(admitted(Candidate::admits), vec![Role::Candidate]);
        assert_eq!(admitted(Staff::admits), vec![Role::Reviewer, Role::Admin]);
        assert_eq!(admitted(Admin::admits), vec![Role::Admin]);
    }
}

//! What an administrator names a staff account for, exam by exam: reviewing its applications
//! (which takes in its on-site check on the day), or only its on-site check (现场报名, seed 004: staff who check the
//! originals and take the fee, and never decide on anyone's materials).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffDuty {
    Review,
    OnSite,
}

impl StaffDuty {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffDuty::Review => "review",
            StaffDuty::OnSite => "on_site",
        }
    }

    /// A stored duty; anything unknown reaches the on-site check only, the narrower of the two.
    pub fn from_stored(value: &str) -> Self {
        if value == "review" {
            StaffDuty::Review
        } else {
            StaffDuty::OnSite
        }
    }

    /// Whether this duty reaches the exam's review queue and applications.
    pub fn reviews(self) -> bool {
        self == StaffDuty::Review
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duty_reads_back_as_stored_and_an_unknown_one_reaches_the_on_site_check_only() {
        for duty in [StaffDuty::Review, StaffDuty::OnSite] {
            assert_eq!(StaffDuty::from_stored(duty.as_str()), duty);
        }
        assert_eq!(StaffDuty::from_stored("Review"), StaffDuty::OnSite);
        assert!(StaffDuty::Review.reviews() && !StaffDuty::OnSite.reviews());
    }
}

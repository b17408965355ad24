//! What an administrator names a staff account for, exam by exam: reviewing its applications
//! (which takes in its desk on the day), or only its desk (现场报名, seed 004: staff who check the
//! originals and take the fee, and never decide on anyone's materials).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffDuty {
    Review,
    Desk,
}

impl StaffDuty {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffDuty::Review => "review",
            StaffDuty::Desk => "desk",
        }
    }

    /// A stored duty; anything unknown reaches the desk only, the narrower of the two.
    pub fn from_stored(value: &str) -> Self {
        if value == "review" {
            StaffDuty::Review
        } else {
            StaffDuty::Desk
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
    fn a_duty_reads_back_as_stored_and_an_unknown_one_reaches_the_desk_only() {
        for duty in [StaffDuty::Review, StaffDuty::Desk] {
            assert_eq!(StaffDuty::from_stored(duty.as_str()), duty);
        }
        assert_eq!(StaffDuty::from_stored("Review"), StaffDuty::Desk);
        assert!(StaffDuty::Review.reviews() && !StaffDuty::Desk.reviews());
    }
}

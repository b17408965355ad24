//! Admission tickets (准考证, issue 13): the seats given by the rule in `domain::admission_ticket`.
pub mod seating;

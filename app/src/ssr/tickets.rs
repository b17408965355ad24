//! Admission tickets (准考证, issue 13): the seats given by the rule in `domain::admission_ticket`,
//! and the keys the tickets' codes are signed with.
pub mod seating;
pub mod seats_given;
pub mod ticket_keys;

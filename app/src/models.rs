//! What crosses the wire between server and browser, by audience. No secrets, no storage keys,
//! no hashes. The life cycle these describe (states, roles, changes) is the domain's.

pub mod account;
pub mod admin;
pub mod candidate;
pub mod document_template;
pub mod exam;
pub mod feedback;
pub mod listed_candidates;
pub mod on_site;
pub mod payment;
pub mod personal_data;
pub mod picture_findings;
pub mod review;
pub mod scores;
pub mod seating;

//! Administrators' tools: exams as files (create, replace, windows) and the records their pages
//! read, reviewer accounts and assignments, and account recovery for candidates (reset, release a
//! squatted ID number, further administrators), the layouts of each exam's documents, and the
//! listed candidates' texts and own days (seed 004), each exam's personal data deleted on its
//! day, the messages that could not be delivered, and the accounts set aside for the person the
//! registration system vouched for.

pub mod account_admin;
pub mod admin_rows;
pub mod exam_files;
pub mod exam_records;
pub mod exam_scores;
pub mod listed_candidates;
pub mod listed_notices;
pub mod personal_data_retention;
pub mod reviewers;
pub mod set_aside_accounts;
pub mod template_editing;
pub mod undelivered;

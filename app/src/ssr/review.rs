//! The reviewer's work: the start page, the queue, one application on the review screen (with
//! the full ID number when it must be compared), decisions, and the records drawn from them
//! (results exports, the progress chart), and what the reviewer's assistant (`ssr::assistant`)
//! found, as the reviewer reads it.

pub mod decisions;
pub mod desk_findings;
pub mod id_reveal;
pub mod progress;
pub mod queue_findings;
pub mod queue_page;
pub mod results;
pub mod review_queue;
pub mod review_sheet;
pub mod reviewer_home;
pub mod similar_pairs_report;

//! The reviewer's work: the start page, the queue, one application on the review screen (with
//! the full ID number when it must be compared), decisions, and the records drawn from them
//! (results exports, the progress chart). What the reviewer's assistant found is read through its
//! room's face (`ssr::assistant::findings_in_queue`, `findings_on_screen`).

pub mod decisions;
pub mod id_reveal;
pub mod progress;
pub mod queue_page;
pub mod results;
pub mod return_message;
pub mod review_queue;
pub mod review_sheet;
pub mod reviewer_home;

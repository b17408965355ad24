//! The reviewer's work: the start page, the queue, one application on the review screen (with
//! the full ID number when it must be compared), decisions, and the records drawn from them
//! (results exports, the progress chart), and the assistant that looks at every picture before them.

pub mod assistant_state;
pub mod card_number_check;
pub mod decisions;
pub mod desk_findings;
pub mod id_number_retry;
pub mod id_reveal;
pub mod picture_analysis;
pub mod picture_assistant;
pub mod picture_comparison;
pub mod picture_hashes;
pub mod progress;
pub mod queue_findings;
pub mod queue_page;
pub mod quiet_picture_work;
pub mod results;
pub mod review_queue;
pub mod review_sheet;
pub mod reviewer_home;
pub mod similar_pairs_report;
pub mod told_apart;

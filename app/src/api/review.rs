//! Server functions of the reviewer's pages. Each one checks the role and that the exam is
//! assigned to the reviewer (administrators review every exam).

pub mod decide;
pub mod exams;
pub mod foresee;
pub mod open;
pub mod queue;
pub mod reveal_id;

pub use decide::decide_application;
pub use exams::review_exams;
pub use foresee::foresee_application;
pub use open::open_application;
pub use queue::review_queue;
pub use reveal_id::reveal_id_number;

//! An exam's rooms and seats as the administration page shows them (准考证, issue 13).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatingView {
    /// Seats in every room of the exam file's [ticket].
    pub capacity: u32,
    /// Candidates with a seat.
    pub seated: u32,
    /// Approved (and, where a fee is charged, paid) candidates still without one.
    pub waiting: u32,
    /// Seats the last round gave; None before any round in this view.
    pub seated_now: Option<u32>,
}

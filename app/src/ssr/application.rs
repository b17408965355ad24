//! The application as a record both sides read: the row and its state, the candidate's pictures,
//! the flags of the latest return, the claim every change starts with, and whether its fee is paid.

pub mod application_claim;
pub mod application_queries;
pub mod fee_status;
pub mod material_queries;
pub mod people;
pub mod review_flags;

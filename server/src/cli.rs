//! Command-line tools for administrators.
pub mod admin;
pub mod backup;
pub mod check_files;
pub mod exam;
pub mod migrate;
pub mod sweep;
pub mod ticket;

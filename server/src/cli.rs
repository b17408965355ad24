//! Command-line tools for administrators.
pub mod check_images;
pub mod exam;

//! Pieces of the reviewer's screen.
pub mod decision_dialog;
pub mod form_readout;
pub mod image_viewer;
pub mod mark_dialog;
pub mod review_marks;

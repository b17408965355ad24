//! Pieces the pages are built from.
pub mod category_card;
pub mod error_note;
pub mod lightbox;
pub mod material_list;
pub mod site_header;
pub mod upload_form;
pub mod violation_list;

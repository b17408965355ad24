//! Pieces the pages are built from.
pub mod application_actions;
pub mod category_card;
pub mod countdown;
pub mod error_note;
pub mod examples_button;
pub mod lightbox;
pub mod material_list;
pub mod personal_form_view;
pub mod pledge_panel;
pub mod position_picker;
pub mod requirement_text;
pub mod requirements_list;
pub mod site_header;
pub mod state_counts;
pub mod upload_form;
pub mod uploaded_summary;
pub mod violation_list;

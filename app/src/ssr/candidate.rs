//! What a candidate does in an exam: the page they see, the pledge, the form, uploads from the
//! first byte to the stored row, replacements after a return, and submitting; and what they do
//! with their account's data: its archive, and deleting the account (注销).

pub mod account_deletion;
pub mod application_commands;
pub mod application_form;
pub mod data_archive;
pub mod exam_page;
pub mod location_strip;
pub mod material_commands;
pub mod material_thumbnails;
pub mod my_exams;
pub mod notice;
pub mod own_scores;
pub mod personal_data_erasure;
pub mod photo_confirmation;
pub mod pledge;
pub mod replacements;
pub mod stored_file;
pub mod uncommitted_row;
pub mod upload_check;
pub mod upload_pipeline;

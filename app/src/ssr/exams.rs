//! Exams as configuration: stored definitions and their files, the presets shipped with Zige,
//! who is eligible and a listed candidate's own days (with the ledger of when each number was told), the layouts of their documents, and results that follow a moved results time.

pub mod document_templates;
pub mod eligibility;
pub mod eligibility_sheet;
pub mod exam_examples;
pub mod exam_source;
pub mod exam_store;
pub mod own_days;
pub mod photo_rules;
pub mod positions_table;
pub mod presets;
pub mod registrations;
pub mod results_timing;
pub mod told_numbers;
pub mod workbook_rows;

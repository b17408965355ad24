//! Server functions of the administration pages. Each one refuses anyone but an administrator.

pub mod accounts;
pub mod audit_log;
pub mod create_exam;
pub mod document_templates;
pub mod exam_detail;
pub mod import_eligibility;
pub mod overview;
pub mod payments;
pub mod progress;
pub mod reviewers;
pub mod save_exam;
pub mod seating;
pub mod set_windows;

pub use accounts::{
    admin_create_admin, admin_find_account, admin_release_id_number, admin_reset_password, admin_reset_second_factor,
};
pub use audit_log::admin_audit_log;
pub use create_exam::{admin_create_exam, admin_presets};
pub use document_templates::{admin_document_template, admin_reset_document_template, admin_save_document_template};
pub use exam_detail::admin_exam_detail;
pub use import_eligibility::{admin_import_eligibility, admin_import_eligibility_sheet};
pub use overview::admin_overview;
pub use payments::{
    admin_flagged_payments, admin_record_on_site_payment, admin_refund_order, admin_settle_payment_flag,
};
pub use progress::admin_exam_progress;
pub use reviewers::{admin_assign_reviewer, admin_create_reviewer, admin_reviewers};
pub use save_exam::admin_save_exam;
pub use seating::{admin_assign_seats, admin_seating};
pub use set_windows::admin_set_windows;

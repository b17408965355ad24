//! Server functions, one per file. Each converts its input to domain types, checks who is
//! asking, calls one service in `ssr`, and returns a DTO.

pub mod accept_pledge;
pub mod admin;
pub mod change_password;
pub mod current_user;
pub mod delete_material;
pub mod exam_page;
pub mod fee;
pub mod list_exams;
pub mod log_in;
pub mod log_out;
pub mod notifications;
pub mod photo_rules;
pub mod reorder_materials;
pub mod request_recovery_code;
pub mod reset_password;
pub mod review;
pub mod save_application;
pub mod second_factor;
pub mod server_resource;
pub mod sign_up;
pub mod ticket_public_keys;
pub mod wire;

pub use accept_pledge::accept_pledge;
pub use change_password::change_password;
pub use current_user::current_user;
pub use delete_material::delete_material;
pub use exam_page::exam_page;
pub use fee::{close_fee_order, create_fee_order, fee_status};
pub use list_exams::list_exams;
pub use log_in::log_in;
pub use log_out::log_out;
pub use notifications::{mark_notifications_read, my_notifications, unread_notifications};
pub use photo_rules::photo_rules;
pub use reorder_materials::reorder_materials;
pub use request_recovery_code::request_recovery_code;
pub use reset_password::reset_password;
pub use save_application::save_application;
pub use sign_up::sign_up;
pub use ticket_public_keys::ticket_public_keys;

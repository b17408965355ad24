//! One page per route.
mod admin_audit_page;
mod admin_exam_page;
mod admin_page;
mod exam_page;
mod home_page;
mod log_in_page;
mod not_found_page;
mod notifications_page;
mod review_desk_page;
mod review_home_page;
mod review_queue_page;
mod sign_up_page;

pub use admin_audit_page::AdminAuditPage;
pub use admin_exam_page::AdminExamPageView;
pub use admin_page::AdminPage;
pub use exam_page::ExamPageView;
pub use home_page::HomePage;
pub use log_in_page::LogInPage;
pub use not_found_page::NotFoundPage;
pub use notifications_page::NotificationsPage;
pub use review_desk_page::ReviewDeskPage;
pub use review_home_page::ReviewHomePage;
pub use review_queue_page::ReviewQueuePage;
pub use sign_up_page::SignUpPage;

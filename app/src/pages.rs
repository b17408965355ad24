//! One page per route.
mod admin_exam_page;
mod admin_page;
mod exam_page;
mod home_page;
mod log_in_page;
mod not_found_page;
mod sign_up_page;

pub use admin_exam_page::AdminExamPageView;
pub use admin_page::AdminPage;
pub use exam_page::ExamPageView;
pub use home_page::HomePage;
pub use log_in_page::LogInPage;
pub use not_found_page::NotFoundPage;
pub use sign_up_page::SignUpPage;

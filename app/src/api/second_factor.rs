//! Staff's second step of signing in (`ssr::accounts::second_factor`), one server function per
//! file.

pub mod begin_second_factor_enrolment;
pub mod give_second_factor;
pub mod second_factor_prompt;

pub use begin_second_factor_enrolment::begin_second_factor_enrolment;
pub use give_second_factor::give_second_factor;
pub use second_factor_prompt::second_factor_prompt;

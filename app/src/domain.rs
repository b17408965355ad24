//! The shared domain: pure Rust, no I/O, and no `cfg` but the derives that type the database's
//! columns by the domain's own enums on the server. The same functions judge a file or an ID
//! number in the browser (WASM) and on the server.

pub mod admission_ticket;
pub mod application_life_cycle;
pub mod application_state;
pub mod aspect_ratio;
pub mod byte_size;
pub mod category_advice;
pub mod category_rules;
pub mod completeness;
pub mod eligibility_csv;
pub mod exam_definition;
pub mod exam_fee;
pub mod exam_windows;
mod exif_fields;
pub mod field_error;
pub mod fit_search;
pub mod id_number;
pub mod image_facts;
pub mod image_format;
mod image_probe;
pub mod image_verdict;
pub mod jfif_density;
mod jpeg_probe;
pub mod new_password;
pub mod payment_order;
pub mod personal_form;
pub mod photo_fit;
pub mod picture_alone;
pub mod picture_quality;
mod png_probe;
pub mod position_tree;
pub mod probe_error;
pub mod registration_form;
pub mod review_decision;
pub mod role;
pub mod sign_up_form;
pub mod sniff;
pub mod ticket_code;
pub mod violation;
pub mod wait_time;
pub mod work_resume;
pub mod year_month;

pub use application_life_cycle::Change;
pub use application_state::ApplicationState;
pub use category_rules::CategoryRules;
pub use exam_definition::{CategoryDefinition, Eligibility, ExamDefinition};
pub use exam_windows::{ExamPhase, ExamWindows};
pub use id_number::{IdNumber, IdNumberError, IdType};
pub use image_facts::ImageFacts;
pub use image_format::{ForeignKind, ImageFormat};
pub use image_verdict::{judge_for_category, judge_image, ImageVerdict};
pub use picture_alone::{picture_alone, PictureAlone};
pub use probe_error::ProbeError;
pub use role::Role;
pub use violation::{Violation, ViolationCode};

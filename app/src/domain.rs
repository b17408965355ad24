//! The shared domain: pure Rust, no `cfg`, no I/O. The same functions judge a file or an ID
//! number in the browser (WASM) and on the server.

pub mod aspect_ratio;
pub mod byte_size;
pub mod category_rules;
mod exif_fields;
pub mod exam_definition;
pub mod id_number;
pub mod image_facts;
pub mod image_format;
mod image_probe;
pub mod image_verdict;
mod jpeg_probe;
mod png_probe;
pub mod probe_error;
pub mod sign_up_form;
pub mod sniff;
pub mod violation;

pub use category_rules::CategoryRules;
pub use exam_definition::{CategoryDefinition, ExamDefinition};
pub use id_number::{IdNumber, IdNumberError, IdType};
pub use image_facts::ImageFacts;
pub use image_format::{ForeignKind, ImageFormat};
pub use image_verdict::{judge_image, ImageVerdict};
pub use probe_error::ProbeError;
pub use violation::{Violation, ViolationCode};

//! SeaORM entities, one table each; the schema itself is in `server/migration`.
pub mod application;
pub mod application_event;
pub mod audit_entry;
pub mod eligible_candidate;
pub mod exam;
pub mod exam_example;
pub mod idempotency_key;
pub mod material;
pub mod material_version;
pub mod notification;
pub mod outbox_message;
pub mod payment_notice;
pub mod payment_order;
pub mod recovery_code;
pub mod review_flag;
pub mod reviewer_assignment;
pub mod user;

//! SeaORM entities, one table each; the schema itself is in `server/migration`.
pub mod application;
pub mod eligible_candidate;
pub mod exam;
pub mod exam_example;
pub mod material;
pub mod user;

//! SeaORM entities, one table each; the schema itself is in `server/migration`.
pub mod exam;
pub mod material;
pub mod user;

//! A picture's row written inside its transaction and not yet committed. The upload commits it
//! itself, because what becomes of the new file depends on how the commit ends: a write refused or
//! broken before its COMMIT wrote nothing, so the file goes at once; a COMMIT whose answer never
//! came (the database restarted between the two) may have been written all the same, so the file
//! stays, for the sweep to remove if no row names it, rather than leave a row naming nothing.

use sea_orm::DatabaseTransaction;

use crate::ssr::entities::material;

pub struct UncommittedRow {
    pub txn: DatabaseTransaction,
    pub row: material::Model,
    /// A file no row names once this commits (a replaced picture no reviewer saw): removed after.
    pub unnamed_after_commit: Option<String>,
}

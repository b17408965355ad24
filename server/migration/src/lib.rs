//! Schema migrations, applied at start-up. Append-only: a released migration is never edited;
//! a change is a new file.

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_users;
mod m20261121_000002_create_exams;
mod m20261121_000003_create_materials;
mod m20261121_000004_create_sessions;
mod m20261121_000005_candidate_journey;
mod m20261121_000006_review;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_users::Migration),
            Box::new(m20261121_000002_create_exams::Migration),
            Box::new(m20261121_000003_create_materials::Migration),
            Box::new(m20261121_000004_create_sessions::Migration),
            Box::new(m20261121_000005_candidate_journey::Migration),
            Box::new(m20261121_000006_review::Migration),
        ]
    }
}

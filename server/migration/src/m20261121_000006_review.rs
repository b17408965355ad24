//! Review and the feedback loop: who reviews which exam, taking and deciding an application
//! (with a version for stale decisions), flags on images, earlier versions of replaced images,
//! the candidate's timeline, in-app notifications, the email/SMS outbox and the audit log. One
//! migration (its name is what the database records), in three parts, applied in this order and
//! undone in the reverse.

use sea_orm_migration::prelude::*;

mod application_review_columns;
mod messages_and_audit_tables;
mod review_tables;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        application_review_columns::up(manager).await?;
        review_tables::up(manager).await?;
        messages_and_audit_tables::up(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        messages_and_audit_tables::down(manager).await?;
        review_tables::down(manager).await?;
        application_review_columns::down(manager).await
    }
}

//! A result's notification waits for its exam's results time; the administrator may move that
//! time after the decision, and the notification must move with it. This names the exam whose
//! results time holds it (NULL: the notification was never held, e.g. a return for revision).
//! No foreign key: `exams.code` is the key, and exams are not deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The exam whose results time holds this notification back (see above).
        let column = string_null(Notifications::HeldForResultsOf).to_owned();
        manager.alter_table(Table::alter().table(Notifications::Table).add_column(column).to_owned()).await?;
        // Moving an exam's results time re-times exactly these rows.
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_held")
                    .table(Notifications::Table)
                    .col(Notifications::HeldForResultsOf)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_notifications_held").table(Notifications::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(Notifications::Table).drop_column(Notifications::HeldForResultsOf).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    HeldForResultsOf,
}

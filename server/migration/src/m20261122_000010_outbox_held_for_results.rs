//! The email and text message of a result wait for the exam's results time like its in-app
//! notification (see m20261122_000009), and move with it until they are sent. NULL: sent as soon
//! as possible. No foreign key, for the same reason.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The exam whose results time holds this email or text message back (see above).
        let column = string_null(Outbox::HeldForResultsOf).to_owned();
        manager.alter_table(Table::alter().table(Outbox::Table).add_column(column).to_owned()).await?;
        manager
            .create_index(
                Index::create().name("ix_outbox_held").table(Outbox::Table).col(Outbox::HeldForResultsOf).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_outbox_held").table(Outbox::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::HeldForResultsOf).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    HeldForResultsOf,
}

//! Which run of an action holds its key: a request whose booking of the key got no answer (the
//! database restarted after committing it) must be able to let go of that row, and only of that
//! row, never of one a later request with the same key has taken over since.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The run that holds the key: a UUID the server draws when a request arrives (a token,
        // not a row); "" for keys booked before this column.
        let column = string(IdempotencyKeys::RunToken).default("").to_owned();
        manager.alter_table(Table::alter().table(IdempotencyKeys::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::alter().table(IdempotencyKeys::Table).drop_column(IdempotencyKeys::RunToken).to_owned();
        manager.alter_table(table).await
    }
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    RunToken,
}

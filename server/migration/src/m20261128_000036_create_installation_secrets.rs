//! Secrets the installation makes for itself once and keeps with its data (issue 64): the first is
//! the key of the told-numbers ledger's keyed hashes. Kept in the database, not in a server's data
//! folder, so every server behind the load balancer and a restored backup use the same one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InstallationSecrets::Table)
                    .if_not_exists()
                    // What the secret is for ("told_numbers"): one secret a purpose.
                    .col(string(InstallationSecrets::Purpose).primary_key())
                    // 32 random bytes as hex, drawn by the first server that needed it.
                    .col(string(InstallationSecrets::Secret))
                    // When it was drawn.
                    .col(timestamp_with_time_zone(InstallationSecrets::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InstallationSecrets::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum InstallationSecrets {
    Table,
    Purpose,
    Secret,
    CreatedAt,
}

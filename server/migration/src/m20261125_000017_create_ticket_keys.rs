//! The keys admission tickets are signed with, kept in the database every server of an
//! installation shares (and every backup of it holds). They were derived from the session secret,
//! so rotating that secret voided every printed ticket; now they are their own, and rotating one
//! adds a key without retiring the old ones: a ticket signed by any key here still verifies.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TicketKeys::Table)
                    .if_not_exists()
                    // The newest key signs; every key verifies.
                    .col(pk_auto(TicketKeys::Id))
                    // The Ed25519 secret seed, base64url (32 bytes). Never sent to a client.
                    .col(string(TicketKeys::Seed))
                    // When it was made; shown by `server ticket public-key` beside the key.
                    .col(timestamp_with_time_zone(TicketKeys::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TicketKeys::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum TicketKeys {
    Table,
    Id,
    Seed,
    CreatedAt,
}

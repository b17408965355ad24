//! A sign-up's mobile is its holder's (issue 64): where texts are configured, the code texted to
//! the mobile typed at 注册 must come back with the form. One row a code, kept only as a salted
//! hash, used once, dead after its minutes or its attempts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MobileCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(MobileCodes::Id))
                    // The mobile the code was texted to (11 digits, as accounts keep numbers).
                    .col(string(MobileCodes::Mobile))
                    // SHA-256 of the salt and the code; the code itself is never kept.
                    .col(string(MobileCodes::CodeHash))
                    // The code's own random salt.
                    .col(string(MobileCodes::Salt))
                    // When it was asked for: the limits per mobile and per address count these.
                    .col(timestamp_with_time_zone(MobileCodes::CreatedAt))
                    // After this it signs nothing up.
                    .col(timestamp_with_time_zone(MobileCodes::ExpiresAt))
                    // When a sign-up took it; null while unused.
                    .col(timestamp_with_time_zone_null(MobileCodes::UsedAt))
                    // Attempts at it, counted before each comparison; at the limit it is dead.
                    .col(integer(MobileCodes::Attempts).default(0))
                    // The limit key of the address that asked (`rate_limits::address_key`).
                    .col(string_null(MobileCodes::RequestedFrom))
                    .to_owned(),
            )
            .await?;
        // The live codes of a mobile, found without reading the table.
        manager
            .create_index(
                Index::create()
                    .name("idx_mobile_codes_mobile")
                    .table(MobileCodes::Table)
                    .col(MobileCodes::Mobile)
                    .col(MobileCodes::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MobileCodes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum MobileCodes {
    Table,
    Id,
    Mobile,
    CodeHash,
    Salt,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    Attempts,
    RequestedFrom,
}

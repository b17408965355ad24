//! One-time codes for 忘记密码: sent by SMS or email through the outbox, stored only as a hash,
//! used once, dead after 15 minutes or after too many wrong guesses.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(RecoveryCodes::Id))
                    // Whose password the code may reset; the code dies with the account.
                    .col(integer(RecoveryCodes::UserId))
                    // sms | email: where the code was sent, so the log can say so.
                    .col(string(RecoveryCodes::Channel))
                    // SHA-256 of a per-code salt and the code, hex; the code itself is never stored.
                    .col(string(RecoveryCodes::CodeHash))
                    // Random per code, so two equal codes never share a hash.
                    .col(string(RecoveryCodes::Salt))
                    // Counted against the per-account limit on codes sent.
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    // 15 minutes after creation.
                    .col(timestamp_with_time_zone(RecoveryCodes::ExpiresAt))
                    // Set when the code reset the password (single use).
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    // Wrong guesses against this code; at the limit it is dead.
                    .col(integer(RecoveryCodes::FailedAttempts).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recovery_codes_user")
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A reset looks up the account's newest codes; the limit counts them by time.
        manager
            .create_index(
                Index::create()
                    .name("ix_recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .col(RecoveryCodes::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    Channel,
    CodeHash,
    Salt,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    FailedAttempts,
}

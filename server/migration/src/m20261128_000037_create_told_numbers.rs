//! The five days cannot be restarted (issue 64): when each listed number was first told, and the
//! days an administrator added, kept apart from the list's row, which deleting an account or
//! re-importing the list removes or replaces. Keyed by a keyed hash of the ID number, so the
//! ledger holds no readable personal data and may outlive the person's account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ToldNumbers::Table)
                    .if_not_exists()
                    // The exam whose list told the number; no foreign key: exams live in files.
                    .col(string(ToldNumbers::ExamCode))
                    // HMAC-SHA256 of the ID number under the installation's "told_numbers" secret, as hex.
                    .col(string(ToldNumbers::NumberKey))
                    // When the provider first accepted a text to the number: its days count from this.
                    .col(timestamp_with_time_zone(ToldNumbers::ToldAt))
                    // Days an administrator added to the number's last day, as the list row had them.
                    .col(integer(ToldNumbers::ExtraDays).default(0))
                    .primary_key(Index::create().col(ToldNumbers::ExamCode).col(ToldNumbers::NumberKey))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ToldNumbers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ToldNumbers {
    Table,
    ExamCode,
    NumberKey,
    ToldAt,
    ExtraDays,
}

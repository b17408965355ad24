//! Whether the candidate overrode the looks advice (issue 34): the candidate's browser, on showing
//! advice about a chosen file, says so — that file's SHA-256 and the advice's codes — and the desk
//! matches it with the stored picture's SHA-256, which the reviewer's assistant now keeps.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AdviceReceipts::Table)
                    .if_not_exists()
                    .col(pk_auto(AdviceReceipts::Id))
                    .col(integer(AdviceReceipts::UserId))
                    // Hex, of the very bytes the advice was about (the fitted file, as sent).
                    .col(string(AdviceReceipts::Sha256))
                    // The advice's codes, comma-separated, as `picture_findings.looks_advice`.
                    .col(string(AdviceReceipts::Codes))
                    .col(timestamp_with_time_zone(AdviceReceipts::ShownAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("advice_receipts_by_file")
                    .table(AdviceReceipts::Table)
                    .col(AdviceReceipts::UserId)
                    .col(AdviceReceipts::Sha256)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PictureFindings::Table)
                    .add_column(string_null(PictureFindings::Sha256))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::Sha256).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(AdviceReceipts::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum AdviceReceipts {
    Table,
    Id,
    UserId,
    Sha256,
    Codes,
    ShownAt,
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    Sha256,
}

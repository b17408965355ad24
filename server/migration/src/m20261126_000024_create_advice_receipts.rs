//! Whether the candidate overrode the looks advice (issue 34): the candidate's browser, on showing
//! advice about a chosen file, says so — that file's SHA-256 and the advice's codes — and the desk
//! matches it with the stored picture's SHA-256 (`picture_findings.sha256`).

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
                    // The account whose browser showed the advice.
                    .col(integer(AdviceReceipts::UserId))
                    // Hex, of the very bytes the advice was about (the fitted file, as sent).
                    .col(string(AdviceReceipts::Sha256))
                    // The advice's codes, comma-separated, as `picture_findings.looks_advice`.
                    .col(string(AdviceReceipts::Codes))
                    // When it was last shown.
                    .col(timestamp_with_time_zone(AdviceReceipts::ShownAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_receipts_user")
                            .from(AdviceReceipts::Table, AdviceReceipts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
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
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
enum Users {
    Table,
    Id,
}

//! Text messages through a real provider (issue 33). Alibaba Cloud and Tencent Cloud send only
//! texts made from templates the authority registered with them, so a text row names its
//! template and the values of its parameters; the finished text stays in `body` for the demo's
//! logging adapter and for administrators. A message the provider refuses for good (a number
//! that does not exist, a template not approved) or that may already have gone is given up:
//! never sent again by itself, and listed for administrators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        // `recovery_code`, `review_returned` or `result_published`; None for emails, and for
        // texts queued before this migration (a provider gives those up).
        add(manager, string_null(TextColumns::TextTemplate).to_owned()).await?;
        // The template's parameters as a JSON object of strings, e.g. {"code":"123456"}.
        add(manager, string_null(TextColumns::TextParams).to_owned()).await?;
        // When the worker stopped trying, with the reason in `last_error`.
        add(manager, timestamp_with_time_zone_null(TextColumns::GivenUpAt).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [TextColumns::TextTemplate, TextColumns::TextParams, TextColumns::GivenUpAt] {
            manager.alter_table(Table::alter().table(Outbox::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

async fn add(manager: &SchemaManager<'_>, column: ColumnDef) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(Outbox::Table).add_column(column).to_owned()).await
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
}

#[derive(DeriveIden)]
enum TextColumns {
    TextTemplate,
    TextParams,
    GivenUpAt,
}

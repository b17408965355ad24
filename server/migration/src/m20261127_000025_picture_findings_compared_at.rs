//! When the reviewer's assistant finished comparing a picture with other people's (issue 34). Its
//! finding is stored first (the comparison reads and keeps the picture's document number in it),
//! and the comparison — reading numbers, laying lines and pages on each other — takes a second or
//! more after; until it ends, the desk must not call the picture looked at, or a "相似" it is
//! about to find would be missing from an application that looks finished. A comparison a crash
//! cut short is taken up again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When the comparison ended; null while it runs (or was cut short by a crash).
        let compared_at = timestamp_with_time_zone_null(PictureFindings::ComparedAt);
        let table = Table::alter().table(PictureFindings::Table).add_column(compared_at).to_owned();
        manager.alter_table(table).await?;
        // Findings made before this column were compared when they were made.
        let update = Query::update()
            .table(PictureFindings::Table)
            .value(PictureFindings::ComparedAt, Expr::col(PictureFindings::LookedAt))
            .to_owned();
        manager.exec_stmt(update).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::ComparedAt).to_owned();
        manager.alter_table(table).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    LookedAt,
    ComparedAt,
}

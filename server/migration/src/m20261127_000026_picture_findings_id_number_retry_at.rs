//! When the reviewer's assistant tries an ID card's number again (issue 34). Tesseract that fails
//! (not installed, a broken language file) or is still reading at its deadline says nothing of the
//! card: the finding says "not finished" and is read again at this time, later each time it is not
//! finished again, so a tesseract mended after an upgrade reads every card it missed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Null unless the number's reading is to be tried again.
        let retry_at = timestamp_with_time_zone_null(PictureFindings::IdNumberRetryAt);
        let table = Table::alter().table(PictureFindings::Table).add_column(retry_at).to_owned();
        manager.alter_table(table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table =
            Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::IdNumberRetryAt).to_owned();
        manager.alter_table(table).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    IdNumberRetryAt,
}

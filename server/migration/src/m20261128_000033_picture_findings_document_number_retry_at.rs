//! When the reviewer's assistant reads a document's number again (issue 55). A pair of pictures
//! the hash joined stays "相似" when tesseract did not finish reading either one's number (it
//! failed, or had no time for even one crop): that says nothing of the number. The reading is
//! tried again at this time, later each time it is not finished again, and once it finishes the
//! picture's pairs are compared again, so a pair kept only for want of a reading is parted
//! without waiting for another picture to join it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Null unless the document number's reading is to be tried again.
        let retry_at = timestamp_with_time_zone_null(PictureFindings::DocumentNumberRetryAt);
        let table = Table::alter().table(PictureFindings::Table).add_column(retry_at).to_owned();
        manager.alter_table(table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table =
            Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::DocumentNumberRetryAt).to_owned();
        manager.alter_table(table).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    DocumentNumberRetryAt,
}

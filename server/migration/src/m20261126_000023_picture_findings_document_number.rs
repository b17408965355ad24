//! The number a document is known by (a certificate's 证书编号), read from a picture when the
//! perceptual hash joins it with another person's (issue 34): two certificates printed on one
//! template share the hash, not the number. Read once per picture, when first needed, and kept.
//! The ink map, kept for a second look that was measured and not adopted, goes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        let alter = |column: ColumnDef| Table::alter().table(PictureFindings::Table).add_column(column).to_owned();
        // When the number was looked for; null: not yet (it is read only for a pair).
        manager.alter_table(alter(timestamp_with_time_zone_null(PictureFindings::DocumentNumberReadAt))).await?;
        // What was read; null with a time above: nothing could be read.
        manager.alter_table(alter(string_null(PictureFindings::DocumentNumber))).await?;
        manager
            .alter_table(Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::InkMap).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = || Table::alter().table(PictureFindings::Table).to_owned();
        manager.alter_table(alter().add_column(text_null(PictureFindings::InkMap)).to_owned()).await?;
        manager.alter_table(alter().drop_column(PictureFindings::DocumentNumber).to_owned()).await?;
        manager.alter_table(alter().drop_column(PictureFindings::DocumentNumberReadAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    InkMap,
    DocumentNumber,
    DocumentNumberReadAt,
}

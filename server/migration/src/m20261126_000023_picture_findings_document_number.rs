//! What the reviewer's assistant keeps beside its findings (issue 34): the number a document is
//! known by (a certificate's 证书编号), read when the perceptual hash joins the picture with another
//! person's — two certificates printed on one template share the hash, not the number — and the
//! stored file's SHA-256, which the candidate's advice receipts name. The ink map, kept for a
//! second look that was measured and not adopted, goes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        let findings = || Table::alter().table(PictureFindings::Table).to_owned();
        // When the number was looked for; null: not yet (it is read only for a pair).
        let read_at = timestamp_with_time_zone_null(PictureFindings::DocumentNumberReadAt);
        manager.alter_table(findings().add_column(read_at).to_owned()).await?;
        // What was read; null with a time above: nothing could be read.
        let number = string_null(PictureFindings::DocumentNumber);
        manager.alter_table(findings().add_column(number).to_owned()).await?;
        // Hex SHA-256 of the stored file; null for findings made before it was kept.
        let sha256 = string_null(PictureFindings::Sha256);
        manager.alter_table(findings().add_column(sha256).to_owned()).await?;
        manager.alter_table(findings().drop_column(PictureFindings::InkMap).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let findings = || Table::alter().table(PictureFindings::Table).to_owned();
        manager.alter_table(findings().add_column(text_null(PictureFindings::InkMap)).to_owned()).await?;
        manager.alter_table(findings().drop_column(PictureFindings::Sha256).to_owned()).await?;
        manager.alter_table(findings().drop_column(PictureFindings::DocumentNumber).to_owned()).await?;
        manager.alter_table(findings().drop_column(PictureFindings::DocumentNumberReadAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    InkMap,
    DocumentNumber,
    DocumentNumberReadAt,
    Sha256,
}

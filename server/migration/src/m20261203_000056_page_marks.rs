//! The marks of a picture's paper, small, kept once taken (issue 69): a page alike to many other
//! people's (one template, one file handed in twice) was decoded and straightened again for every
//! pair it was in, about 20 s of the assistant's time for a page alike to fourteen others. A table
//! of their own, so the findings' rows, which every review screen reads, stay small; they go with
//! the picture's findings, since the database removes them with that row.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PicturePageMarks::Table)
                    .if_not_exists()
                    // The stored file whose paper they are; one each.
                    .col(string(PicturePageMarks::BlobKey).primary_key())
                    // `picture_checks::page_layout::PageMarks::to_stored`, about 6.5 KB.
                    .col(binary(PicturePageMarks::Marks))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_picture_page_marks_finding")
                            .from(PicturePageMarks::Table, PicturePageMarks::BlobKey)
                            .to(PictureFindings::Table, PictureFindings::BlobKey)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PicturePageMarks::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PicturePageMarks {
    Table,
    BlobKey,
    Marks,
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    BlobKey,
}

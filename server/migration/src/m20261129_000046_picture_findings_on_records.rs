//! What the reviewer's assistant reads off a 学信网 record (issue 66, seed 004's 备案表): the 证书编号
//! where the category prints one (`diploma_number = true`) and how it compares with the numbers in
//! the candidate's 高等教育学历 rows — the number read is kept whatever it compared as: the
//! candidate may correct the rows later, and the comparison is made again then, without reading
//! the picture again — and the last day of the record's online verification, where it prints one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters a table one column at a time.
        for column in [
            // A comparison's word (matches, differs, unreadable, unfinished); null where none is read.
            string_null(PictureFindings::DiplomaNumber),
            // The number read, kept to compare again when the candidate saves the rows.
            string_null(PictureFindings::DiplomaNumberRead),
            // Null unless the reading is to be tried again (tesseract failed or ran out of time).
            timestamp_with_time_zone_null(PictureFindings::DiplomaNumberRetryAt),
            // The day as printed, compared with the exam's review window when shown.
            date_null(PictureFindings::VerificationEndsOn),
        ] {
            manager.alter_table(Table::alter().table(PictureFindings::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_picture_findings_diploma_number_retry_at")
                    .table(PictureFindings::Table)
                    .col(PictureFindings::DiplomaNumberRetryAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let index =
            Index::drop().name("idx_picture_findings_diploma_number_retry_at").table(PictureFindings::Table).to_owned();
        manager.drop_index(index).await?;
        for column in [
            PictureFindings::DiplomaNumber,
            PictureFindings::DiplomaNumberRead,
            PictureFindings::DiplomaNumberRetryAt,
            PictureFindings::VerificationEndsOn,
        ] {
            manager.alter_table(Table::alter().table(PictureFindings::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    DiplomaNumber,
    DiplomaNumberRead,
    DiplomaNumberRetryAt,
    VerificationEndsOn,
}

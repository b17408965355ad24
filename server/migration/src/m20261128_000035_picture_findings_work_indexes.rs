//! The findings the reviewer's assistant looks for on each of its passes, found without reading
//! every finding (issue 55; `scripts/bench-hash-index-scale.sh`, 700 000 findings on PostgreSQL):
//! comparisons left unfinished (`compared_at` null) and numbers due to be read again
//! (`id_number_retry_at`, `document_number_retry_at`; null for nearly every finding). Each pass
//! runs after every upload, so a query reading the whole table ran twice per picture stored.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each index's name and column.
const INDEXES: [(&str, PictureFindings); 3] = [
    ("idx_picture_findings_compared_at", PictureFindings::ComparedAt),
    ("idx_picture_findings_id_number_retry_at", PictureFindings::IdNumberRetryAt),
    ("idx_picture_findings_document_number_retry_at", PictureFindings::DocumentNumberRetryAt),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in INDEXES {
            manager
                .create_index(Index::create().name(name).table(PictureFindings::Table).col(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager.drop_index(Index::drop().name(name).table(PictureFindings::Table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum PictureFindings {
    Table,
    ComparedAt,
    IdNumberRetryAt,
    DocumentNumberRetryAt,
}

//! What the reviewer's assistant found in each stored picture (issue 34), prepared in the
//! background after the upload is answered: the QR code's text, the advice on how the picture
//! looks, the perceptual hash that finds the same document handed in by two people, and the ID
//! number read from an ID card. A picture without a row has not been looked at yet. Pairs of
//! pictures of the same document are the next migration's table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PictureFindings::Table)
                    .if_not_exists()
                    // In the order pictures were looked at: a server's list of hashes grows from
                    // the last id it has.
                    .col(pk_auto(PictureFindings::Id))
                    // The stored file looked at (a replacement is a new file, looked at anew).
                    .col(string_uniq(PictureFindings::BlobKey))
                    // The perceptual hash, base64; none when the picture could not be decoded.
                    .col(string_null(PictureFindings::PerceptualHash))
                    // The looks advice's codes, comma-separated ("" when it looks fine).
                    .col(string_null(PictureFindings::LooksAdvice))
                    // "xuexin" (a 学信网 report's address), "other" or "unreadable" where the category
                    // wants a QR code; none elsewhere.
                    .col(string_null(PictureFindings::Qr))
                    // What the code says, as read (at most 1000 characters; shown, never followed).
                    .col(text_null(PictureFindings::QrText))
                    // "matches" or "differs" (from the account's number) or "unreadable", on an ID card's
                    // front; none elsewhere.
                    .col(string_null(PictureFindings::IdNumber))
                    // The other valid number read, where it differs from the account's.
                    .col(string_null(PictureFindings::IdNumberRead))
                    // The picture's paper as a small map of its ink, base64: two pictures the hash
                    // joins are compared by it, to tell the same paper from another on the template.
                    .col(text_null(PictureFindings::InkMap))
                    // When the assistant looked.
                    .col(timestamp_with_time_zone(PictureFindings::LookedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PictureFindings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    Id,
    BlobKey,
    PerceptualHash,
    LooksAdvice,
    Qr,
    QrText,
    IdNumber,
    IdNumberRead,
    InkMap,
    LookedAt,
}

//! What the reviewer's assistant found in each stored picture (issue 34), prepared in the
//! background after the upload is answered: the QR code's text, the advice on how the picture
//! looks, the perceptual hash that finds the same document handed in by two people, and the ID
//! number read from an ID card. A picture without a row has not been looked at yet.

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
                    .col(text_null(PictureFindings::QrText))
                    // "matches" or "differs" (from the account's number) or "unreadable", on an ID card's
                    // front; none elsewhere.
                    .col(string_null(PictureFindings::IdNumber))
                    .col(string_null(PictureFindings::IdNumberRead))
                    .col(timestamp_with_time_zone(PictureFindings::LookedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SimilarPictures::Table)
                    .if_not_exists()
                    .col(pk_auto(SimilarPictures::Id))
                    // Each pair is kept both ways, so either picture's desk finds the other.
                    .col(string(SimilarPictures::BlobKey))
                    .col(string(SimilarPictures::OtherBlobKey))
                    // Differing bits of the two perceptual hashes.
                    .col(integer(SimilarPictures::Distance))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("similar_pictures_by_blob")
                    .table(SimilarPictures::Table)
                    .col(SimilarPictures::BlobKey)
                    .col(SimilarPictures::OtherBlobKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SimilarPictures::Table).to_owned()).await?;
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
    LookedAt,
}

#[derive(DeriveIden)]
enum SimilarPictures {
    Table,
    Id,
    BlobKey,
    OtherBlobKey,
    Distance,
}

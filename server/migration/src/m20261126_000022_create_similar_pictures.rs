//! Pairs of stored pictures, of two different people, that show the same document (issue 34): found
//! by the reviewer's assistant, shown on both desks and in the administrators' report.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SimilarPictures::Table)
                    .if_not_exists()
                    .col(pk_auto(SimilarPictures::Id))
                    // Each pair is kept both ways, so either picture's desk finds the other. Blob
                    // keys, no foreign key: a picture's row goes (replaced, erased) and the pair
                    // with it is dropped by the same erasure, or found naming nothing.
                    .col(string(SimilarPictures::BlobKey))
                    // The other person's picture.
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
        manager.drop_table(Table::drop().table(SimilarPictures::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SimilarPictures {
    Table,
    Id,
    BlobKey,
    OtherBlobKey,
    Distance,
}

//! A small copy of each stored picture for the candidate's lists (`candidate::material_thumbnails`):
//! the exam page showed every picture at 64–96 px from its whole file, a scan of 400–600 KB each,
//! on every visit (personal files are never cached). Made from the stored file the first time it is
//! asked for (and again once the picture is replaced); it goes with its picture (deleted, erased or
//! purged), since the database removes it with the picture's row.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MaterialThumbnails::Table)
                    .if_not_exists()
                    // The picture it is a copy of; one each.
                    .col(string(MaterialThumbnails::MaterialId).primary_key())
                    // The stored file it was made from: a replaced picture keeps its id and gets a
                    // new file, and its copy is made again.
                    .col(string(MaterialThumbnails::BlobKey))
                    // A JPEG whose shorter side is 192 px (a 96 px place on a 2× screen), a few KB.
                    .col(binary(MaterialThumbnails::Jpeg))
                    // When it was made.
                    .col(timestamp_with_time_zone(MaterialThumbnails::MadeAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_material_thumbnails_material")
                            .from(MaterialThumbnails::Table, MaterialThumbnails::MaterialId)
                            .to(Materials::Table, Materials::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MaterialThumbnails::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum MaterialThumbnails {
    Table,
    MaterialId,
    BlobKey,
    Jpeg,
    MadeAt,
}

#[derive(DeriveIden)]
enum Materials {
    Table,
    Id,
}

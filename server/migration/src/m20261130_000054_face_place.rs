//! Issue 68: where the one face in an ID photo sits, as the reviewer's assistant measured it, so
//! the review screen can show the same numbers the candidate's browser showed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // "0.234,0.312,-0.121": the head's share of the height, the eyes' line, the face off
        // centre; null where it is no ID photo, or not exactly one face was found.
        let column = string_null(PictureFindings::FacePlace);
        manager.alter_table(Table::alter().table(PictureFindings::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::alter().table(PictureFindings::Table).drop_column(PictureFindings::FacePlace).to_owned();
        manager.alter_table(table).await
    }
}

#[derive(DeriveIden)]
enum PictureFindings {
    Table,
    FacePlace,
}

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;
use super::m20261121_000002_create_exams::Exams;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Materials::Table)
                    .if_not_exists()
                    // A random UUID: the public handle in URLs, so ids cannot be guessed in order.
                    .col(string(Materials::Id).primary_key())
                    // The owner; every read and delete filters on it.
                    .col(integer(Materials::UserId))
                    .col(string(Materials::ExamCode))
                    // The category code from the exam definition.
                    .col(string(Materials::Category))
                    // 顺序号: the candidate's order within the category.
                    .col(integer(Materials::SeqNo))
                    // Where the bytes are in the blob store; server-generated, never sent out.
                    .col(string(Materials::BlobKey))
                    // Format detected from content (jpeg/png), which sets the served media type.
                    .col(string(Materials::Format))
                    // Size as displayed (EXIF orientation applied) and stored length, for lists.
                    .col(integer(Materials::Width))
                    .col(integer(Materials::Height))
                    .col(big_integer(Materials::Bytes))
                    // The name the candidate's file had, shown back to them only.
                    .col(string(Materials::OriginalName))
                    .col(timestamp_with_time_zone(Materials::CreatedAt))
                    .foreign_key(
                        ForeignKey::create().from(Materials::Table, Materials::UserId).to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Materials::Table, Materials::ExamCode).to(Exams::Table, Exams::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // One image per sequence number per category per candidate; also the list's index.
        manager
            .create_index(
                Index::create()
                    .name("ux_materials_owner_category_seq")
                    .table(Materials::Table)
                    .col(Materials::UserId)
                    .col(Materials::ExamCode)
                    .col(Materials::Category)
                    .col(Materials::SeqNo)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Materials::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Materials {
    Table,
    Id,
    UserId,
    ExamCode,
    Category,
    SeqNo,
    BlobKey,
    Format,
    Width,
    Height,
    Bytes,
    OriginalName,
    CreatedAt,
}

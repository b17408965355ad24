use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Exams::Table)
                    .if_not_exists()
                    // The exam's own code, e.g. "000"; stable in URLs.
                    .col(string(Exams::Code).primary_key())
                    // The whole validated `ExamDefinition` as JSON: categories and their rules
                    // change together and are always read together.
                    .col(text(Exams::Definition))
                    .col(timestamp_with_time_zone(Exams::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Exams::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Exams {
    Table,
    Code,
    Definition,
    CreatedAt,
}

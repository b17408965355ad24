//! 考试成绩 (seeds 001/003's menu): when an exam's scores are published to its candidates.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScoreReleases::Table)
                    .if_not_exists()
                    // One release time per exam.
                    .col(string(ScoreReleases::ExamCode).primary_key())
                    // From this moment candidates see their scores; before it, nothing of them.
                    .col(timestamp_with_time_zone(ScoreReleases::PublishesAt))
                    // The administrator who set it.
                    .col(integer(ScoreReleases::SetBy))
                    // When it was set.
                    .col(timestamp_with_time_zone(ScoreReleases::SetAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScoreReleases::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ScoreReleases {
    Table,
    ExamCode,
    PublishesAt,
    SetBy,
    SetAt,
}

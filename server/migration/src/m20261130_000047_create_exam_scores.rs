//! 考试成绩 (seeds 001/003's menu): an exam's scores as an administrator imported them, one row per
//! application and subject (when they are published: `m20261130_000048_create_score_releases`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExamScores::Table)
                    .if_not_exists()
                    .col(pk_auto(ExamScores::Id))
                    // The exam the sheet was imported into.
                    .col(string(ExamScores::ExamCode))
                    // Whose score: the application the sheet's ID number and name found in the exam.
                    .col(integer(ExamScores::ApplicationId))
                    // The subject as the sheet names it (科目).
                    .col(string(ExamScores::Subject))
                    // Points in tenths (78.5 is 785); null: 缺考, the subject not sat.
                    .col(integer_null(ExamScores::ScoreTenths))
                    // The subject's pass mark in tenths; null: the sheet gave none.
                    .col(integer_null(ExamScores::PassMarkTenths))
                    // The row's place in the sheet, so subjects show in the sheet's order.
                    .col(integer(ExamScores::SheetLine))
                    // When the sheet holding this row was imported.
                    .col(timestamp_with_time_zone(ExamScores::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExamScores::Table, ExamScores::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One score per application and subject; an application's scores found by it.
        manager
            .create_index(
                Index::create()
                    .name("idx_exam_scores_application_subject")
                    .table(ExamScores::Table)
                    .col(ExamScores::ApplicationId)
                    .col(ExamScores::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // An exam's scores, replaced as a whole by the next import.
        manager
            .create_index(
                Index::create()
                    .name("idx_exam_scores_exam")
                    .table(ExamScores::Table)
                    .col(ExamScores::ExamCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ExamScores::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ExamScores {
    Table,
    Id,
    ExamCode,
    ApplicationId,
    Subject,
    ScoreTenths,
    PassMarkTenths,
    SheetLine,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

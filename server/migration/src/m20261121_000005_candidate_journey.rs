//! The candidate's journey: one application per candidate per exam (pledge, form, position,
//! state), the eligibility list, example images, locks on materials, and each exam's source file.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;
use super::m20261121_000002_create_exams::Exams;
use super::m20261121_000003_create_materials::Materials;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter().table(Exams::Table).add_column(text(ExamsSource::Source).default("")).to_owned(),
            )
            .await?;
        // Set when the application is submitted; the image can no longer be replaced or removed.
        manager
            .alter_table(
                Table::alter()
                    .table(Materials::Table)
                    .add_column(timestamp_with_time_zone_null(MaterialsLock::LockedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .if_not_exists()
                    .col(pk_auto(Applications::Id))
                    .col(integer(Applications::UserId))
                    .col(string(Applications::ExamCode))
                    // draft | submitted (later states belong to review).
                    .col(string(Applications::State))
                    // When the candidate accepted the integrity pledge (UTC), the legal record.
                    .col(timestamp_with_time_zone_null(Applications::PledgeAcceptedAt))
                    // The personal-information form as JSON (field key → text), kept even when
                    // incomplete: that is what 暂存 promises.
                    .col(text(Applications::Form).default("{}"))
                    .col(string_null(Applications::PositionCode))
                    .col(timestamp_with_time_zone_null(Applications::SubmittedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::ExamCode)
                            .to(Exams::Table, Exams::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_applications_user_exam")
                    .table(Applications::Table)
                    .col(Applications::UserId)
                    .col(Applications::ExamCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Counting candidates per state on the admin page reads this index only.
        manager
            .create_index(
                Index::create()
                    .name("ix_applications_exam_state")
                    .table(Applications::Table)
                    .col(Applications::ExamCode)
                    .col(Applications::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EligibleCandidates::Table)
                    .if_not_exists()
                    .col(string(EligibleCandidates::ExamCode))
                    .col(string(EligibleCandidates::IdNumber))
                    .col(string(EligibleCandidates::Name))
                    .col(timestamp_with_time_zone(EligibleCandidates::ImportedAt))
                    .primary_key(Index::create().col(EligibleCandidates::ExamCode).col(EligibleCandidates::IdNumber))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EligibleCandidates::Table, EligibleCandidates::ExamCode)
                            .to(Exams::Table, Exams::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExamExamples::Table)
                    .if_not_exists()
                    .col(string(ExamExamples::ExamCode))
                    // The name the exam definition uses, e.g. "examples/id-card-front.jpg".
                    .col(string(ExamExamples::File))
                    .col(string(ExamExamples::BlobKey))
                    .col(string(ExamExamples::Format))
                    .primary_key(Index::create().col(ExamExamples::ExamCode).col(ExamExamples::File))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExamExamples::Table, ExamExamples::ExamCode)
                            .to(Exams::Table, Exams::Code),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [ExamExamples::Table.into_iden(), EligibleCandidates::Table.into_iden(), Applications::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Materials::Table).drop_column(MaterialsLock::LockedAt).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Exams::Table).drop_column(ExamsSource::Source).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ExamsSource {
    Source,
}

#[derive(DeriveIden)]
enum MaterialsLock {
    LockedAt,
}

#[derive(DeriveIden)]
pub enum Applications {
    Table,
    Id,
    UserId,
    ExamCode,
    State,
    PledgeAcceptedAt,
    Form,
    PositionCode,
    SubmittedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EligibleCandidates {
    Table,
    ExamCode,
    IdNumber,
    Name,
    ImportedAt,
}

#[derive(DeriveIden)]
enum ExamExamples {
    Table,
    ExamCode,
    File,
    BlobKey,
    Format,
}

//! The review's own tables: who reviews which exam, earlier versions of replaced images, the
//! flags of a return, and the applications' events (the timeline and the progress chart).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_users::Users;
use crate::m20261121_000002_create_exams::Exams;
use crate::m20261121_000005_candidate_journey::Applications;

pub async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ReviewerAssignments::Table)
                .if_not_exists()
                .col(integer(ReviewerAssignments::UserId))
                .col(string(ReviewerAssignments::ExamCode))
                .col(timestamp_with_time_zone(ReviewerAssignments::AssignedAt))
                .primary_key(Index::create().col(ReviewerAssignments::UserId).col(ReviewerAssignments::ExamCode))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewerAssignments::Table, ReviewerAssignments::UserId)
                        .to(Users::Table, Users::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewerAssignments::Table, ReviewerAssignments::ExamCode)
                        .to(Exams::Table, Exams::Code),
                )
                .to_owned(),
        )
        .await?;
    // A replaced image's earlier file, kept so the reviewer can compare old and new.
    manager
        .create_table(
            Table::create()
                .table(MaterialVersions::Table)
                .if_not_exists()
                .col(string(MaterialVersions::Id).primary_key())
                .col(string(MaterialVersions::MaterialId))
                .col(string(MaterialVersions::BlobKey))
                .col(string(MaterialVersions::Format))
                .col(integer(MaterialVersions::Width))
                .col(integer(MaterialVersions::Height))
                .col(big_integer(MaterialVersions::Bytes))
                .col(string(MaterialVersions::OriginalName))
                .col(timestamp_with_time_zone(MaterialVersions::UploadedAt))
                .col(timestamp_with_time_zone(MaterialVersions::ReplacedAt))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_material_versions_material")
                .table(MaterialVersions::Table)
                .col(MaterialVersions::MaterialId)
                .to_owned(),
        )
        .await?;
    // What a return for revision asked for: one row per flagged image (or the form, with no
    // material), with the reason code and the reviewer's comment.
    manager
        .create_table(
            Table::create()
                .table(ReviewFlags::Table)
                .if_not_exists()
                .col(pk_auto(ReviewFlags::Id))
                .col(integer(ReviewFlags::ApplicationId))
                .col(integer(ReviewFlags::Round))
                .col(string_null(ReviewFlags::MaterialId))
                .col(string(ReviewFlags::Reason))
                .col(text(ReviewFlags::Comment))
                .col(integer(ReviewFlags::ReviewerId))
                .col(timestamp_with_time_zone(ReviewFlags::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ReviewFlags::Table, ReviewFlags::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_review_flags_application")
                .table(ReviewFlags::Table)
                .col(ReviewFlags::ApplicationId)
                .col(ReviewFlags::Round)
                .to_owned(),
        )
        .await?;
    // The candidate's timeline and the history the progress chart replays. A result's
    // entry carries the results time in `visible_from` and stays hidden until then.
    manager
        .create_table(
            Table::create()
                .table(ApplicationEvents::Table)
                .if_not_exists()
                .col(pk_auto(ApplicationEvents::Id))
                .col(integer(ApplicationEvents::ApplicationId))
                .col(string(ApplicationEvents::ExamCode))
                .col(timestamp_with_time_zone(ApplicationEvents::At))
                .col(string(ApplicationEvents::StateAfter))
                .col(text(ApplicationEvents::MessageZh))
                .col(text(ApplicationEvents::MessageEn))
                .col(timestamp_with_time_zone(ApplicationEvents::VisibleFrom))
                .foreign_key(
                    ForeignKey::create()
                        .from(ApplicationEvents::Table, ApplicationEvents::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_application_events_application")
                .table(ApplicationEvents::Table)
                .col(ApplicationEvents::ApplicationId)
                .col(ApplicationEvents::At)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_application_events_exam")
                .table(ApplicationEvents::Table)
                .col(ApplicationEvents::ExamCode)
                .col(ApplicationEvents::At)
                .to_owned(),
        )
        .await?;
    Ok(())
}

pub async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for table in [
        ApplicationEvents::Table.into_iden(),
        ReviewFlags::Table.into_iden(),
        MaterialVersions::Table.into_iden(),
        ReviewerAssignments::Table.into_iden(),
    ] {
        manager.drop_table(Table::drop().table(table).to_owned()).await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum ReviewerAssignments {
    Table,
    UserId,
    ExamCode,
    AssignedAt,
}

#[derive(DeriveIden)]
enum MaterialVersions {
    Table,
    Id,
    MaterialId,
    BlobKey,
    Format,
    Width,
    Height,
    Bytes,
    OriginalName,
    UploadedAt,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum ReviewFlags {
    Table,
    Id,
    ApplicationId,
    Round,
    MaterialId,
    Reason,
    Comment,
    ReviewerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    ExamCode,
    At,
    StateAfter,
    MessageZh,
    MessageEn,
    VisibleFrom,
}

//! Review and the feedback loop: who reviews which exam, taking and deciding an application
//! (with a version for stale decisions), flags on images, earlier versions of replaced images,
//! the candidate's timeline, in-app notifications, the email/SMS outbox and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;
use super::m20261121_000002_create_exams::Exams;
use super::m20261121_000005_candidate_journey::Applications;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Where feedback and results are emailed; optional, SMS goes to the mobile number.
        manager
            .alter_table(Table::alter().table(Users::Table).add_column(string_null(UsersEmail::Email)).to_owned())
            .await?;
        // SQLite alters one column per statement.
        let application_columns = [
            // Bumped by every take, decision and resubmission: a decision names the version it
            // was made on, and a stale one is refused.
            integer(ReviewColumns::ReviewVersion).default(0).to_owned(),
            integer_null(ReviewColumns::ReviewerId).to_owned(),
            timestamp_with_time_zone_null(ReviewColumns::TakenAt).to_owned(),
            // The first or latest submission: the queue's order and its keyset.
            timestamp_with_time_zone_null(ReviewColumns::LastSubmittedAt).to_owned(),
            // 1 after the first submission, 2 after the first resubmission…
            integer(ReviewColumns::Round).default(0).to_owned(),
            // A return for revision may open the personal form as well as images.
            boolean(ReviewColumns::FormUnlocked).default(false).to_owned(),
            timestamp_with_time_zone_null(ReviewColumns::DecidedAt).to_owned(),
            text_null(ReviewColumns::DecisionReason).to_owned(),
        ];
        for column in application_columns {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(column).to_owned()).await?;
        }
        // The queue reads in (last submitted, id) order within an exam, with or without a state.
        manager
            .create_index(
                Index::create()
                    .name("ix_applications_queue_state")
                    .table(Applications::Table)
                    .col(Applications::ExamCode)
                    .col(Applications::State)
                    .col(ReviewColumns::LastSubmittedAt)
                    .col(Applications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_applications_queue")
                    .table(Applications::Table)
                    .col(Applications::ExamCode)
                    .col(ReviewColumns::LastSubmittedAt)
                    .col(Applications::Id)
                    .to_owned(),
            )
            .await?;
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
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone(Notifications::VisibleFrom))
                    .col(text(Notifications::MessageZh))
                    .col(text(Notifications::MessageEn))
                    .col(string(Notifications::Link))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::VisibleFrom)
                    .to_owned(),
            )
            .await?;
        // Written in the same transaction as the decision that causes it; a worker sends each
        // row, retrying with back-off, and marks it sent.
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_auto(Outbox::Id))
                    // "email" or "sms".
                    .col(string(Outbox::Channel))
                    .col(string(Outbox::Recipient))
                    .col(text(Outbox::Subject))
                    .col(text(Outbox::Body))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    // Results are not sent before the exam's results time.
                    .col(timestamp_with_time_zone(Outbox::NotBefore))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    // A worker's claim: nobody else sends the row until this passes.
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(text_null(Outbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        // Append-only: the code has no update or delete for it.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string(AuditLog::Actor))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Target))
                    .col(text(AuditLog::Detail))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Outbox::Table.into_iden(),
            Notifications::Table.into_iden(),
            ApplicationEvents::Table.into_iden(),
            ReviewFlags::Table.into_iden(),
            MaterialVersions::Table.into_iden(),
            ReviewerAssignments::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for index in ["ix_applications_queue_state", "ix_applications_queue"] {
            manager.drop_index(Index::drop().name(index).table(Applications::Table).to_owned()).await?;
        }
        for column in [
            ReviewColumns::ReviewVersion,
            ReviewColumns::ReviewerId,
            ReviewColumns::TakenAt,
            ReviewColumns::LastSubmittedAt,
            ReviewColumns::Round,
            ReviewColumns::FormUnlocked,
            ReviewColumns::DecidedAt,
            ReviewColumns::DecisionReason,
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Users::Table).drop_column(UsersEmail::Email).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum UsersEmail {
    Email,
}

#[derive(DeriveIden)]
enum ReviewColumns {
    ReviewVersion,
    ReviewerId,
    TakenAt,
    LastSubmittedAt,
    Round,
    FormUnlocked,
    DecidedAt,
    DecisionReason,
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

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    CreatedAt,
    VisibleFrom,
    MessageZh,
    MessageEn,
    Link,
    ReadAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Channel,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    NotBefore,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Actor,
    Action,
    Target,
    Detail,
}

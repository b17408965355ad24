//! The review's columns on existing tables: the account's email, and on each application the
//! version, reviewer, rounds and decision a review needs, with the queue's indexes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_users::Users;
use crate::m20261121_000005_candidate_journey::Applications;

pub async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
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
    Ok(())
}

pub async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
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

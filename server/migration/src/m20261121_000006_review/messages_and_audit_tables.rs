//! What reaches people and what is kept of it: in-app notifications, the outbox of emails and
//! texts, and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_users::Users;

pub async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
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
                    ForeignKey::create().from(Notifications::Table, Notifications::UserId).to(Users::Table, Users::Id),
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

pub async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for table in [AuditLog::Table.into_iden(), Outbox::Table.into_iden(), Notifications::Table.into_iden()] {
        manager.drop_table(Table::drop().table(table).to_owned()).await?;
    }
    Ok(())
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

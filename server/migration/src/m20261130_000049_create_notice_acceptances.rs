//! 报考须知 (seed 002): who accepted an exam's notice, and when, before its pledge.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NoticeAcceptances::Table)
                    .if_not_exists()
                    // The candidate who accepted.
                    .col(integer(NoticeAcceptances::UserId))
                    // The exam whose notice it was.
                    .col(string(NoticeAcceptances::ExamCode))
                    // When 接受 was pressed; a second press keeps the first.
                    .col(timestamp_with_time_zone(NoticeAcceptances::AcceptedAt))
                    .primary_key(Index::create().col(NoticeAcceptances::UserId).col(NoticeAcceptances::ExamCode))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoticeAcceptances::Table, NoticeAcceptances::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(NoticeAcceptances::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum NoticeAcceptances {
    Table,
    UserId,
    ExamCode,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

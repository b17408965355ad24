//! Admission tickets (准考证, issue 13): the seat each approved (and paid) candidate was given, by
//! the rule in `domain::admission_ticket`. A seat once given stays: later rounds only add rows.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000005_candidate_journey::Applications;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SeatAssignments::Table)
                    .if_not_exists()
                    .col(pk_auto(SeatAssignments::Id))
                    // The application seated: unique, one seat per application.
                    .col(integer_uniq(SeatAssignments::ApplicationId))
                    // The exam, for its room list and export.
                    .col(string(SeatAssignments::ExamCode))
                    // The room's code from the exam file's [[ticket.rooms]] (no foreign key: rooms
                    // live in the exam file, not in a table).
                    .col(string(SeatAssignments::RoomCode))
                    // The seat in that room, from 1.
                    .col(integer(SeatAssignments::SeatNo))
                    // "004-101-07": exam, room, seat; printed on the ticket and signed in its code.
                    .col(string_uniq(SeatAssignments::TicketNo))
                    // When the seat was given (UTC).
                    .col(timestamp_with_time_zone(SeatAssignments::AssignedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_seat_assignments_application")
                            .from(SeatAssignments::Table, SeatAssignments::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Two rounds run at once cannot give one seat twice.
        manager
            .create_index(
                Index::create()
                    .name("ux_seat_assignments_seat")
                    .table(SeatAssignments::Table)
                    .col(SeatAssignments::ExamCode)
                    .col(SeatAssignments::RoomCode)
                    .col(SeatAssignments::SeatNo)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SeatAssignments::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SeatAssignments {
    Table,
    Id,
    ApplicationId,
    ExamCode,
    RoomCode,
    SeatNo,
    TicketNo,
    AssignedAt,
}

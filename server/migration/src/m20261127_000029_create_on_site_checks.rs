//! 原件审核 at the branch's desk (issue 51, seed 004 七 and 八): per application, the originals
//! seen, the 留存 items received, and the outcome, which the on-site fee waits for.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OnSiteChecks::Table)
                    .if_not_exists()
                    .col(pk_auto(OnSiteChecks::Id))
                    // The application checked: one row each (unique), gone with it.
                    .col(integer(OnSiteChecks::ApplicationId).unique_key())
                    // Its exam, for the day's progress without a join.
                    .col(string(OnSiteChecks::ExamCode))
                    // The codes of the [[on_site.items]] seen, comma-separated.
                    .col(string(OnSiteChecks::Seen))
                    // The codes of the 留存 items the branch received, comma-separated.
                    .col(string(OnSiteChecks::Received))
                    // "passed" or "failed"; null while the check goes on. Set once: two desks
                    // recording at once, one wins.
                    .col(string_null(OnSiteChecks::Outcome))
                    // Why it did not pass (required then), as the candidate reads it.
                    .col(string_null(OnSiteChecks::Reason))
                    // Who recorded the outcome, as the 材料交接单 names them (name, masked ID).
                    .col(string_null(OnSiteChecks::DecidedBy))
                    // When the outcome was recorded.
                    .col(timestamp_with_time_zone_null(OnSiteChecks::DecidedAt))
                    // When the ticks last changed.
                    .col(timestamp_with_time_zone(OnSiteChecks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_on_site_checks_application")
                            .from(OnSiteChecks::Table, OnSiteChecks::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OnSiteChecks::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OnSiteChecks {
    Table,
    Id,
    ApplicationId,
    ExamCode,
    Seen,
    Received,
    Outcome,
    Reason,
    DecidedBy,
    DecidedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

//! The desk's acts carry the card they were made on (issue 65): each change of a candidate's check
//! counts up its version, and a tick or an outcome made on an older card is refused with whose card
//! it was, instead of writing over what another desk changed meanwhile.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OnSiteChecks::Table)
                    // Changes so far (ticks and outcome); the card shows the version it was made from.
                    .add_column(integer(OnSiteChecks::Version).default(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(OnSiteChecks::Table).drop_column(OnSiteChecks::Version).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum OnSiteChecks {
    Table,
    Version,
}

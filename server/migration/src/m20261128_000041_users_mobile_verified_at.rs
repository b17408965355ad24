//! A sign-up's mobile is its holder's (issue 64): when the account's mobile was proved by the code
//! texted to it, so a number squatted by a self-sign-up leaves at least a verified mobile behind.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    // When the mobile was proved by a texted code; null: taken as typed.
                    .add_column(timestamp_with_time_zone_null(Users::MobileVerifiedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::MobileVerifiedAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    MobileVerifiedAt,
}

//! Seed 002's "有效期内的…身份证": the last day a candidate's document is valid, asked at sign-up.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // "2031-05-01", or "long_term"; null for staff and for accounts from before it was asked.
        let column = string_null(Users::IdValidUntil);
        manager.alter_table(Table::alter().table(Users::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::IdValidUntil).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    IdValidUntil,
}

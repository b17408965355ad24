//! Seed 003's registration comes with the candidate (issue 52): the 报考类别 and 考区 the
//! registration system names for them, kept on their row of the exam's list.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds no more at once.
        for column in [EligibleCandidates::Category, EligibleCandidates::Area] {
            manager
                // The registration system's 报考类别 or 考区; null: an imported row, or none named.
                .alter_table(Table::alter().table(EligibleCandidates::Table).add_column(string_null(column)).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [EligibleCandidates::Category, EligibleCandidates::Area] {
            manager.alter_table(Table::alter().table(EligibleCandidates::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EligibleCandidates {
    Table,
    Category,
    Area,
}

//! Desk staff (issue 51): an assignment names what the staff account does for the exam, reviewing
//! (as every assignment did until now) or only the branch's desk on the day.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ReviewerAssignments::Table)
                    // 'review' (the queue, the applications, and the desk) or 'desk' (the desk only).
                    .add_column(string(ReviewerAssignments::Duty).default("review"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(ReviewerAssignments::Table).drop_column(ReviewerAssignments::Duty).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ReviewerAssignments {
    Table,
    Duty,
}

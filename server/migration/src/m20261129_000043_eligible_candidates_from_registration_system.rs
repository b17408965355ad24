//! A registration withdrawn at the registration system closes the exam again (issue 65): a row of
//! an exam's list says whether only the registration system's claim put it there, so the next
//! sign-in without that registration takes it away, and a row the authority's list holds stays.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EligibleCandidates::Table)
                    // True while only a sign-in's claim named the person for this exam; an import
                    // of the authority's list sets it false. Rows made before: false (kept).
                    .add_column(boolean(EligibleCandidates::FromRegistrationSystem).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EligibleCandidates::Table)
                    .drop_column(EligibleCandidates::FromRegistrationSystem)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum EligibleCandidates {
    Table,
    FromRegistrationSystem,
}

//! Seed 004's text and five days (issue 51): a listed candidate's mobile number, the text that
//! told them, when the provider accepted it (their own clock starts then), and the days an
//! administrator added.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            // The mobile number the list gives (11 digits); null: the list gave none, no text goes.
            string_null(EligibleCandidates::Mobile),
            // The outbox row of the latest text telling them they are listed; null: never sent.
            // No foreign key: outbox rows are purged after their keeping time, and this one may go.
            integer_null(EligibleCandidates::NoticeOutboxId),
            // When the provider accepted that text (copied from the outbox, which is purged): the
            // candidate's own days are counted from this day. Null: no text accepted yet.
            timestamp_with_time_zone_null(EligibleCandidates::NoticedAt),
            // Days an administrator added to the candidate's own last day (audited, with a reason).
            integer(EligibleCandidates::ExtraDays).default(0).to_owned(),
        ];
        // One column a statement: SQLite adds no more at once.
        for mut column in columns {
            manager
                .alter_table(Table::alter().table(EligibleCandidates::Table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            EligibleCandidates::Mobile,
            EligibleCandidates::NoticeOutboxId,
            EligibleCandidates::NoticedAt,
            EligibleCandidates::ExtraDays,
        ] {
            manager.alter_table(Table::alter().table(EligibleCandidates::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EligibleCandidates {
    Table,
    Mobile,
    NoticeOutboxId,
    NoticedAt,
    ExtraDays,
}

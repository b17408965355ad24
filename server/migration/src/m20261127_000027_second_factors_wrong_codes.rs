//! Wrong second-factor codes counted per day, in the database (issue 50). The per-process budget
//! (`rate_limits`) restarts with the server; a wrong code means the password is known, so past a
//! day's count the authenticator locks until an administrator resets it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            // The China day (YYYY-MM-DD) the count below is of; null before the first wrong code.
            string_null(SecondFactors::WrongCodesOn),
            // Wrong codes typed on that day.
            integer(SecondFactors::WrongCodes).default(0).to_owned(),
            // When the day's count reached the cap: no code is taken until an administrator resets.
            timestamp_with_time_zone_null(SecondFactors::LockedAt),
        ];
        // One column a statement: SQLite adds no more at once.
        for mut column in columns {
            manager.alter_table(Table::alter().table(SecondFactors::Table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [SecondFactors::WrongCodesOn, SecondFactors::WrongCodes, SecondFactors::LockedAt] {
            manager.alter_table(Table::alter().table(SecondFactors::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    WrongCodesOn,
    WrongCodes,
    LockedAt,
}

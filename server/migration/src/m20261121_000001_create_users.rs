use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    // The ID number as normalised by `IdNumber::parse`; unique because the
                    // seeds allow one account per identity document.
                    .col(string(Users::IdNumber).unique_key())
                    // Which document the number belongs to (resident_id, passport, …).
                    .col(string(Users::IdType))
                    .col(string(Users::Name))
                    // For notifications (SMS) in later issues.
                    .col(string(Users::Mobile))
                    // argon2id PHC string; never leaves the server.
                    .col(string(Users::PasswordHash))
                    // candidate | reviewer | admin
                    .col(string(Users::Role))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    IdNumber,
    IdType,
    Name,
    Mobile,
    PasswordHash,
    Role,
    CreatedAt,
}

//! Ten recovery codes a staff member is shown once, at enrolment, for the day the phone with the
//! authenticator is lost: each signs in once in place of a code. Kept only as salted hashes.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SecondFactorRecoveryCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(SecondFactorRecoveryCodes::Id))
                    // Whose code it is; the codes go with the account.
                    .col(integer(SecondFactorRecoveryCodes::UserId))
                    // SHA-256 of the salt and the code, hex: the code itself is never stored. A
                    // fast hash is enough, as each code carries 50 random bits.
                    .col(string(SecondFactorRecoveryCodes::CodeHash))
                    // Random per code, so equal codes never share a hash.
                    .col(string(SecondFactorRecoveryCodes::Salt))
                    // When the set was issued (a new enrolment issues a new set).
                    .col(timestamp_with_time_zone(SecondFactorRecoveryCodes::CreatedAt))
                    // Set when the code signed someone in: each works once.
                    .col(timestamp_with_time_zone_null(SecondFactorRecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_second_factor_recovery_codes_user")
                            .from(SecondFactorRecoveryCodes::Table, SecondFactorRecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A sign-in looks up the account's unused codes.
        manager
            .create_index(
                Index::create()
                    .name("ix_second_factor_recovery_codes_user")
                    .table(SecondFactorRecoveryCodes::Table)
                    .col(SecondFactorRecoveryCodes::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SecondFactorRecoveryCodes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SecondFactorRecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    Salt,
    CreatedAt,
    UsedAt,
}

//! Staff sign in with a password and a time-based one-time code (TOTP, RFC 6238): 等保 2.0 level 3
//! asks administrators and reviewers for two factors. One row per staff member who began
//! enrolment; candidates have none. A table of its own rather than columns on `users`, so the
//! authenticator's secret is read only where a code is checked, never with every account lookup.

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
                    .table(SecondFactors::Table)
                    .if_not_exists()
                    .col(pk_auto(SecondFactors::Id))
                    // Whose authenticator this is; one per account, gone with the account.
                    .col(integer(SecondFactors::UserId).unique_key())
                    // The shared secret (base32, 160 bits). Kept readable, not hashed: the server
                    // computes each code from it. Never sent again once enrolment is confirmed.
                    .col(string(SecondFactors::Secret))
                    // When the staff member first typed a right code; until then the secret is
                    // only offered for enrolment and signs nobody in.
                    .col(timestamp_with_time_zone_null(SecondFactors::ConfirmedAt))
                    // The last 30-second step whose code was accepted: a code is taken once, and
                    // only a later step after it (RFC 6238 §5.2).
                    .col(big_integer_null(SecondFactors::LastStep))
                    // When enrolment began (shown to administrators and in the audit log).
                    .col(timestamp_with_time_zone(SecondFactors::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_second_factors_user")
                            .from(SecondFactors::Table, SecondFactors::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SecondFactors::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    Id,
    UserId,
    Secret,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

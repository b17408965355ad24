//! A number belongs to its person (issue 64): when the registration system vouches for the holder
//! of an ID number that an unverified self-sign-up holds, the self-made account is set aside (its
//! number released, its sign-in closed, its applications held) and the vouched person gets their
//! account. Each such case is kept here for administrators, with both sides.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SetAsideAccounts::Table)
                    .if_not_exists()
                    .col(pk_auto(SetAsideAccounts::Id))
                    // The self-made account that held the number: released, kept for its history.
                    .col(integer(SetAsideAccounts::SetAsideUserId))
                    // The account made for the person the registration system vouched for.
                    .col(integer(SetAsideAccounts::VouchedUserId))
                    // The identity provider that vouched (its issuer address).
                    .col(string(SetAsideAccounts::Issuer))
                    // When the vouched person claimed the number.
                    .col(timestamp_with_time_zone(SetAsideAccounts::SetAsideAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_set_aside_accounts_set_aside_user")
                            .from(SetAsideAccounts::Table, SetAsideAccounts::SetAsideUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_set_aside_accounts_vouched_user")
                            .from(SetAsideAccounts::Table, SetAsideAccounts::VouchedUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SetAsideAccounts::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SetAsideAccounts {
    Table,
    Id,
    SetAsideUserId,
    VouchedUserId,
    Issuer,
    SetAsideAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

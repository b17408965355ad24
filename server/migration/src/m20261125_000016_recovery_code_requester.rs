//! Who asked for each 忘记密码 code. The hourly cap on codes counted every request for an account,
//! whoever made it, so a stranger asking three times an hour kept the owner from getting one;
//! the cap now counts the codes one address asked for (IPv4, or an IPv6 /64), and a looser daily
//! cap per account still keeps a phone from being flooded.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The asking address's limit key (`rate_limits::address_key`); codes sent before this
        // migration have none and count only against the account's daily cap.
        let column = string_null(Requester::RequestedFrom).to_owned();
        manager.alter_table(Table::alter().table(RecoveryCodes::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(RecoveryCodes::Table).drop_column(Requester::RequestedFrom).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
}

#[derive(DeriveIden)]
enum Requester {
    RequestedFrom,
}

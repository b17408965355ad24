//! Ending every session of one account at once (password reset, password change, an ID number
//! released by an administrator) without scanning the session table: each session remembers the
//! generation it began under, and a session from an older generation is no longer signed in.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Bumped whenever every session of the account must end.
        let column = integer(UsersSessions::SessionGeneration).default(0).to_owned();
        manager.alter_table(Table::alter().table(Users::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Users::Table).drop_column(UsersSessions::SessionGeneration).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum UsersSessions {
    SessionGeneration,
}

//! Seeds 001/003's 公众号: which candidate's news goes to which follower of the authority's WeChat
//! official account, bound by the candidate through its web authorisation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OfficialAccountBindings::Table)
                    .if_not_exists()
                    // The candidate whose news it carries; one binding each.
                    .col(integer(OfficialAccountBindings::UserId).primary_key())
                    // The follower's openid with this 公众号; one account each (binding it
                    // from another account moves it).
                    .col(string_uniq(OfficialAccountBindings::Openid))
                    // When the candidate bound it.
                    .col(timestamp_with_time_zone(OfficialAccountBindings::BoundAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfficialAccountBindings::Table, OfficialAccountBindings::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OfficialAccountBindings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OfficialAccountBindings {
    Table,
    UserId,
    Openid,
    BoundAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

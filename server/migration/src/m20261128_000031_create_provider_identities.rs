//! Seed 003's way in (issue 52): an account signed in through the authority's identity provider
//! is found again by the provider's (issuer, subject), never by a name or number alone.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProviderIdentities::Table)
                    .if_not_exists()
                    // The provider's issuer address, exactly as its discovery document says.
                    .col(string(ProviderIdentities::Issuer))
                    // The provider's `sub` for the person: stable, and theirs alone at that issuer.
                    .col(string(ProviderIdentities::Subject))
                    // The Zige account it signs in to; gone with the account.
                    .col(integer(ProviderIdentities::UserId))
                    // When the identity was joined (at the first sign-in, or by the account's owner).
                    .col(timestamp_with_time_zone(ProviderIdentities::LinkedAt))
                    .primary_key(Index::create().col(ProviderIdentities::Issuer).col(ProviderIdentities::Subject))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_provider_identities_user")
                            .from(ProviderIdentities::Table, ProviderIdentities::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One identity per account and provider: a second person's `sub` cannot join an account.
        manager
            .create_index(
                Index::create()
                    .name("idx_provider_identities_account")
                    .table(ProviderIdentities::Table)
                    .col(ProviderIdentities::Issuer)
                    .col(ProviderIdentities::UserId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProviderIdentities::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ProviderIdentities {
    Table,
    Issuer,
    Subject,
    UserId,
    LinkedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

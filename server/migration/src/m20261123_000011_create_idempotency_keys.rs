//! Actions a phone queued while offline carry a key the browser made; the server applies a key
//! once and answers a repeat with the first answer (the answer may have been lost on the way back).

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
                    .table(IdempotencyKeys::Table)
                    .if_not_exists()
                    // Whose action: keys are the browser's, so two people may draw the same one.
                    .col(integer(IdempotencyKeys::UserId))
                    // The browser's key for one action (a UUID), sent as `Idempotency-Key`.
                    .col(string(IdempotencyKeys::Key))
                    // SHA-256 of what the action asked (path and content), hex: the same key with
                    // other content is refused, never answered with the first answer.
                    .col(string(IdempotencyKeys::RequestHash))
                    // The first answer's HTTP status; null while the action is still running.
                    .col(integer_null(IdempotencyKeys::Status))
                    // The first answer's content type, given again with a repeat.
                    .col(string_null(IdempotencyKeys::ContentType))
                    // The first answer's body (JSON, a few hundred bytes), given again with a repeat.
                    .col(binary_null(IdempotencyKeys::Body))
                    // Keys are forgotten a week after their action: no queue waits that long.
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(Index::create().col(IdempotencyKeys::UserId).col(IdempotencyKeys::Key))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idempotency_keys_user")
                            .from(IdempotencyKeys::Table, IdempotencyKeys::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The weekly forgetting finds old keys by time.
        manager
            .create_index(
                Index::create()
                    .name("ix_idempotency_keys_created")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    RequestHash,
    Status,
    ContentType,
    Body,
    CreatedAt,
}

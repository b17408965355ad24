//! The page a message leads to, for the 公众号's template messages, whose link is a field of its
//! own (an email carries the link in its body; a text carries none).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The site's own path ("/exams/004"); null for emails and texts.
        let column = string_null(Outbox::Link);
        manager.alter_table(Table::alter().table(Outbox::Table).add_column(column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::Link).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Link,
}

//! Two ways into the materials table the reviewer's assistant takes at a national exam's scale
//! (issue 55; `scripts/bench-hash-index-scale.sh`, 700 000 pictures on PostgreSQL): by the
//! stored file's key (every finding, pair and reading names its picture by it; without an index
//! each lookup read the whole table) and by when a picture was stored (its passes look for the
//! pictures not yet looked at among the newest).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let by_key =
            Index::create().name("idx_materials_blob_key").table(Materials::Table).col(Materials::BlobKey).to_owned();
        manager.create_index(by_key).await?;
        let by_time = Index::create()
            .name("idx_materials_created_at")
            .table(Materials::Table)
            .col(Materials::CreatedAt)
            .to_owned();
        manager.create_index(by_time).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_materials_created_at").table(Materials::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_materials_blob_key").table(Materials::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Materials {
    Table,
    BlobKey,
    CreatedAt,
}

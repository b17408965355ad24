//! One word per idea (issue 70): the branch's 现场报名 was stored as 'desk', a word that also named
//! the reviewer's screen and the administrators' panels. It is now 'on_site', as the code says it:
//! staff named for an exam's on-site check alone (`reviewer_assignments.duty`) and the names of two
//! audit actions. The audit log's lines keep what happened, who and when; only the name of the act
//! changes, so that one filter finds the acts from before and after.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, old value, new value).
const RENAMES: [(WordTable, WordColumn, &str, &str); 3] = [
    (WordTable::ReviewerAssignments, WordColumn::Duty, "desk", "on_site"),
    (WordTable::AuditLog, WordColumn::Action, "desk_lookup", "on_site_lookup"),
    (WordTable::AuditLog, WordColumn::Action, "desk_ticks", "on_site_ticks"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, old, new) in RENAMES {
            manager.exec_stmt(rename(table, column, old, new)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, old, new) in RENAMES {
            manager.exec_stmt(rename(table, column, new, old)).await?;
        }
        Ok(())
    }
}

fn rename(table: WordTable, column: WordColumn, from: &str, to: &str) -> UpdateStatement {
    Query::update().table(table).value(column, to).and_where(Expr::col(column).eq(from)).to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum WordTable {
    ReviewerAssignments,
    AuditLog,
}

#[derive(DeriveIden, Clone, Copy)]
enum WordColumn {
    Duty,
    Action,
}

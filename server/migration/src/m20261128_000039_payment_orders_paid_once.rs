//! The fee is taken once (issue 64): two desks, or a desk and an administrator, recording the same
//! candidate's on-site payment at the same moment each found no paid order and each stored one.
//! The database now holds one paid order per application, and a receipt number once per exam
//! among on-site payments (a receipt typed twice is a mistake to catch, not a second payment).
//! Partial indexes, which SQLite and PostgreSQL both take; an installation whose data already
//! breaks either rule stops at this migration and names the index, for staff to settle first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each index's name and its statement.
const INDEXES: [(&str, &str); 2] = [
    (
        "idx_payment_orders_one_paid",
        "CREATE UNIQUE INDEX IF NOT EXISTS idx_payment_orders_one_paid ON payment_orders (application_id) \
         WHERE state = 'paid'",
    ),
    (
        "idx_payment_orders_on_site_receipt",
        "CREATE UNIQUE INDEX IF NOT EXISTS idx_payment_orders_on_site_receipt ON payment_orders (exam_code, paid_txn) \
         WHERE gateway = 'on_site'",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, statement) in INDEXES {
            manager
                .get_connection()
                .execute_unprepared(statement)
                .await
                .map_err(|e| DbErr::Migration(format!("{name}: {e}; settle the duplicate payments first")))?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager.get_connection().execute_unprepared(&format!("DROP INDEX IF EXISTS {name}")).await?;
        }
        Ok(())
    }
}

//! One word per idea (issue 70): "provider" named the identity provider, the SMS gateways and the
//! payment gateways. Payments and texts go through gateways now, and a payment notice's outcome
//! "the gateway, asked, showed the order paid and then refunded" is stored as the code says it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_OUTCOME: &str = "refunded_at_provider";
const NEW_OUTCOME: &str = "refunded_at_gateway";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.exec_stmt(rename_outcome(OLD_OUTCOME, NEW_OUTCOME)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.exec_stmt(rename_outcome(NEW_OUTCOME, OLD_OUTCOME)).await
    }
}

fn rename_outcome(from: &str, to: &str) -> UpdateStatement {
    Query::update()
        .table(PaymentNotices::Table)
        .value(PaymentNotices::Outcome, to)
        .and_where(Expr::col(PaymentNotices::Outcome).eq(from))
        .to_owned()
}

#[derive(DeriveIden)]
enum PaymentNotices {
    Table,
    Outcome,
}

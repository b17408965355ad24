//! Fees after approval (seeds 002 and 004): one row per fee order, at most one open at a time per
//! application. The notifications gateways send about them are the next migration's.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;
use super::m20261121_000005_candidate_journey::Applications;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaymentOrders::Table)
                    .if_not_exists()
                    .col(pk_auto(PaymentOrders::Id))
                    // What the candidate, staff and the gateway see: "ZG" and 20 letters and digits.
                    .col(string_uniq(PaymentOrders::OrderNo))
                    // The approved application the fee is for.
                    .col(integer(PaymentOrders::ApplicationId))
                    // Whose order: the cashier and closing check it without a join.
                    .col(integer(PaymentOrders::UserId))
                    // The exam, for staff lists and the daily reconciliation.
                    .col(string(PaymentOrders::ExamCode))
                    // From the exam's [fee] when the order was made, never from the browser.
                    .col(big_integer(PaymentOrders::AmountFen))
                    // "sandbox" (or a real gateway's code), or "on_site" for staff-recorded payment.
                    .col(string(PaymentOrders::Gateway))
                    // created, paid, refunded or closed (`domain::payment_order::OrderState`).
                    .col(string(PaymentOrders::State))
                    // The application's id while the order is open, null otherwise: unique, so an
                    // application never has two open orders (several nulls are allowed).
                    .col(integer_null(PaymentOrders::OpenFor).unique_key())
                    // The gateway's transaction (or the on-site receipt) that paid it.
                    .col(string_null(PaymentOrders::PaidTxn))
                    // When the order was made, paid, closed and refunded (UTC).
                    .col(timestamp_with_time_zone(PaymentOrders::CreatedAt))
                    // Set when a verified notification (or staff) paid it.
                    .col(timestamp_with_time_zone_null(PaymentOrders::PaidAt))
                    // Set when the candidate or staff closed it unpaid.
                    .col(timestamp_with_time_zone_null(PaymentOrders::ClosedAt))
                    // Set when staff recorded the refund.
                    .col(timestamp_with_time_zone_null(PaymentOrders::RefundedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payment_orders_application")
                            .from(PaymentOrders::Table, PaymentOrders::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payment_orders_user")
                            .from(PaymentOrders::Table, PaymentOrders::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // An application's orders, newest first, for its exam page.
        manager
            .create_index(
                Index::create()
                    .name("ix_payment_orders_application")
                    .table(PaymentOrders::Table)
                    .col(PaymentOrders::ApplicationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PaymentOrders::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PaymentOrders {
    Table,
    Id,
    OrderNo,
    ApplicationId,
    UserId,
    ExamCode,
    AmountFen,
    Gateway,
    State,
    OpenFor,
    PaidTxn,
    CreatedAt,
    PaidAt,
    ClosedAt,
    RefundedAt,
}

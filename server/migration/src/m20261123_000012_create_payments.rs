//! Fees after approval (seeds 002 and 004): orders, one open at a time per application, and every
//! payment notification a gateway sent, kept once each (a gateway repeats itself).

use sea_orm_migration::{prelude::*, schema::*};

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
                    // What the candidate and the gateway see: "ZG" and 20 letters and digits.
                    .col(string_uniq(PaymentOrders::OrderNo))
                    .col(integer(PaymentOrders::ApplicationId))
                    .col(integer(PaymentOrders::UserId))
                    .col(string(PaymentOrders::ExamCode))
                    // From the exam's [fee] when the order was made, never from the browser.
                    .col(big_integer(PaymentOrders::AmountFen))
                    // "sandbox" (or a real gateway's code), or "on_site" for staff-recorded payment.
                    .col(string(PaymentOrders::Gateway))
                    .col(string(PaymentOrders::State))
                    // The application's id while the order is open, null otherwise: unique, so an
                    // application never has two open orders (several nulls are allowed).
                    .col(integer_null(PaymentOrders::OpenFor).unique_key())
                    .col(string_null(PaymentOrders::PaidTxn))
                    .col(timestamp_with_time_zone(PaymentOrders::CreatedAt))
                    .col(timestamp_with_time_zone_null(PaymentOrders::PaidAt))
                    .col(timestamp_with_time_zone_null(PaymentOrders::ClosedAt))
                    .col(timestamp_with_time_zone_null(PaymentOrders::RefundedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payment_orders_application")
                            .from(PaymentOrders::Table, PaymentOrders::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_payment_orders_application")
                    .table(PaymentOrders::Table)
                    .col(PaymentOrders::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaymentNotices::Table)
                    .if_not_exists()
                    .col(pk_auto(PaymentNotices::Id))
                    .col(string(PaymentNotices::Gateway))
                    // The gateway's id for this notification: the same one twice is applied once.
                    .col(string(PaymentNotices::NoticeId))
                    .col(string(PaymentNotices::OrderNo))
                    .col(string(PaymentNotices::Txn))
                    .col(big_integer(PaymentNotices::AmountFen))
                    // What it did: paid, already_done, amount_mismatch, paid_after_close,
                    // paid_twice, unknown_order. The last four wait for staff (`settled_at`).
                    .col(string(PaymentNotices::Outcome))
                    .col(timestamp_with_time_zone(PaymentNotices::ReceivedAt))
                    .col(timestamp_with_time_zone_null(PaymentNotices::SettledAt))
                    .col(string_null(PaymentNotices::SettledBy))
                    // The notification as signed, kept for reconciliation and disputes.
                    .col(text(PaymentNotices::Body))
                    .index(
                        Index::create()
                            .name("ux_payment_notices_gateway_notice")
                            .col(PaymentNotices::Gateway)
                            .col(PaymentNotices::NoticeId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PaymentNotices::Table).to_owned()).await?;
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

#[derive(DeriveIden)]
enum PaymentNotices {
    Table,
    Id,
    Gateway,
    NoticeId,
    OrderNo,
    Txn,
    AmountFen,
    Outcome,
    ReceivedAt,
    SettledAt,
    SettledBy,
    Body,
}

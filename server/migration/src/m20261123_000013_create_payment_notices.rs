//! Every payment notification a gateway sent, kept once each by the gateway's own id (gateways
//! repeat themselves), with what it did to its order.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaymentNotices::Table)
                    .if_not_exists()
                    .col(pk_auto(PaymentNotices::Id))
                    // Which gateway sent it ("sandbox").
                    .col(string(PaymentNotices::Gateway))
                    // The gateway's id for this notification: the same one twice is applied once.
                    .col(string(PaymentNotices::NoticeId))
                    // The order it names, as the gateway wrote it: no foreign key, since a
                    // notification for an order Zige never made is kept too (flagged for staff).
                    .col(string(PaymentNotices::OrderNo))
                    // The gateway's transaction: one payment, however often reported.
                    .col(string(PaymentNotices::Txn))
                    // What the gateway says was paid, compared with the order's amount.
                    .col(big_integer(PaymentNotices::AmountFen))
                    // What it did: paid, already_done, amount_mismatch, paid_after_close,
                    // paid_twice, unknown_order. The last four wait for staff (`settled_at`).
                    .col(string(PaymentNotices::Outcome))
                    // When it arrived (UTC), for the daily reconciliation.
                    .col(timestamp_with_time_zone(PaymentNotices::ReceivedAt))
                    // When staff settled a flagged one (refunded or matched by hand).
                    .col(timestamp_with_time_zone_null(PaymentNotices::SettledAt))
                    // Who settled it, as the audit log names people.
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
        manager.drop_table(Table::drop().table(PaymentNotices::Table).to_owned()).await
    }
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

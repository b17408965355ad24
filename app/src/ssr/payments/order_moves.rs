//! The one update that moves an order to the state `domain::payment_order::decide` chose. It is
//! conditional on the state the decision was made on: when a notification, staff or the sweep
//! moved the order first, nothing changes here and the caller decides again on what it is now.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::payment_order::OrderState;
use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::ssr::entities::payment_order;

/// Moves `order` from the state it was read in to `to`; false when it had moved meanwhile.
/// `paid_txn` is the payment's transaction when the move takes a payment.
pub async fn move_order(
    conn: &impl ConnectionTrait,
    order: &payment_order::Model,
    to: OrderState,
    paid_txn: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    use OrderState as S;
    let mut update = payment_order::Entity::update_many().col_expr(payment_order::Column::State, Expr::value(to));
    let takes_payment = order.state == S::Created && matches!(to, S::Paid | S::Refunded);
    if takes_payment {
        update = update
            .col_expr(payment_order::Column::OpenFor, Expr::value(Option::<ApplicationId>::None))
            .col_expr(payment_order::Column::PaidTxn, Expr::value(paid_txn.to_string()))
            .col_expr(payment_order::Column::PaidAt, Expr::value(now));
    }
    match (order.state, to) {
        (S::Created, S::Paid) | (S::Paid, S::RefundPending) => {}
        // A payment and its refund applied together, or a refund of a paid order (done at once,
        // or the end of one that was under way).
        (S::Created | S::Paid | S::RefundPending, S::Refunded) => {
            update = update.col_expr(payment_order::Column::RefundedAt, Expr::value(now));
        }
        (from, to) => {
            tracing::error!(order = order.order_no, ?from, ?to, "an order move the domain never decides");
            return Err(AppError::Internal);
        }
    }
    let moved = update
        .filter(payment_order::Column::Id.eq(order.id))
        .filter(payment_order::Column::State.eq(order.state))
        .exec(conn)
        .await?;
    Ok(moved.rows_affected == 1)
}

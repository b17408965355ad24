//! Whether an application's fee is paid, answered once for every reader (issue 64): the on-site check,
//! the seating and the admission ticket all ask here. Paid means an order of the application in
//! the state 已支付 (`OrderState::Paid`); the database holds at most one such order per
//! application (migration 39), so "its paid order" and "is it paid" are one question. An order
//! refunded, being refunded, closed or still waiting is no payment.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::payment_order::OrderState;
use crate::error::AppError;
use crate::ssr::entities::payment_order;

/// The application's paid order, if its fee is paid.
pub async fn paid_order(
    db: &DatabaseConnection,
    application_id: i32,
) -> Result<Option<payment_order::Model>, AppError> {
    Ok(payment_order::Entity::find()
        .filter(payment_order::Column::ApplicationId.eq(application_id))
        .filter(payment_order::Column::State.eq(OrderState::Paid))
        .one(db)
        .await?)
}

/// The applications of the exam whose fee is paid.
pub async fn paid_applications(db: &DatabaseConnection, exam_code: &str) -> Result<HashSet<i32>, AppError> {
    Ok(payment_order::Entity::find()
        .filter(payment_order::Column::ExamCode.eq(exam_code))
        .filter(payment_order::Column::State.eq(OrderState::Paid))
        .all(db)
        .await?
        .into_iter()
        .map(|order| order.application_id)
        .collect())
}

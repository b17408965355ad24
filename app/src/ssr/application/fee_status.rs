//! Where an application's fee stands, answered once for every reader (issues 64 and 70): the
//! on-site check, the seating and the admission ticket all ask here, and the answer is
//! `domain::fee_status::FeeStatus::of` over the application's orders, read once. The database holds
//! at most one paid order per application (migration 39), so "its paid order" is the order behind
//! `FeeStatus::Paid`.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::exam_definition::ExamDefinition;
use crate::domain::fee_status::FeeStatus;
use crate::domain::payment_order::OrderState;
use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::ssr::entities::payment_order;

/// Where an application's fee stands, and the order behind `FeeStatus::Paid`.
pub struct ApplicationFee {
    pub status: FeeStatus,
    /// The paid order (its number is shown on site), if the fee is paid.
    pub paid_order: Option<payment_order::Model>,
}

/// Where the application's fee stands, for its exam's fee, from all its orders.
pub async fn fee_status(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    application_id: ApplicationId,
) -> Result<ApplicationFee, AppError> {
    let orders =
        payment_order::Entity::find().filter(payment_order::Column::ApplicationId.eq(application_id)).all(db).await?;
    let status = FeeStatus::of(definition.fee.is_some(), orders.iter().map(|order| order.state));
    let paid_order = orders.into_iter().find(|order| order.state == OrderState::Paid);
    Ok(ApplicationFee { status, paid_order })
}

/// The applications of the exam whose fee is paid (`FeeStatus::Paid`); None when the exam
/// charges nothing, so that every application counts as settled.
pub async fn paid_applications(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
) -> Result<Option<HashSet<ApplicationId>>, AppError> {
    if definition.fee.is_none() {
        return Ok(None);
    }
    let mut orders: HashMap<ApplicationId, Vec<OrderState>> = HashMap::new();
    for order in
        payment_order::Entity::find().filter(payment_order::Column::ExamCode.eq(&definition.code)).all(db).await?
    {
        orders.entry(order.application_id).or_default().push(order.state);
    }
    Ok(Some(
        orders
            .into_iter()
            .filter(|(_, states)| FeeStatus::of(true, states.iter().copied()).is_paid())
            .map(|(application_id, _)| application_id)
            .collect(),
    ))
}

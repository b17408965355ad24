use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::payment::FlaggedNotice;

/// Notifications of the exam's orders that wait for staff, oldest first.
#[server(endpoint = "admin_flagged_payments", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_flagged_payments(exam_code: ExamCode) -> Result<Vec<FlaggedNotice>, AppError> {
    use crate::domain::china_time::china_time;
    use crate::ssr::{access::caller, payments::flagged_payments};

    let (state, admin) = caller::admin().await?;
    let notices = flagged_payments::flagged(&state, &admin, &exam_code).await?;
    Ok(notices
        .into_iter()
        .map(|n| FlaggedNotice {
            id: n.id,
            order_no: n.order_no,
            gateway: n.gateway,
            txn: n.txn,
            amount_fen: u64::try_from(n.amount_fen).unwrap_or(0),
            outcome: n.outcome,
            received_at: china_time(n.received_at),
        })
        .collect())
}

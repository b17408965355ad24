//! Back from the cashier: the gateway sends the candidate to `/exams/{code}?order=…` at once, and
//! its notification follows a second or two later. Rather than the page asking again from the
//! browser (code every candidate would download), the server holds the fee card's answer while it
//! waits: it asks the gateway once, as the gateways advise when a return comes before the
//! notification, then reads the order again twice a second for at most ten seconds. The page's
//! other parts are streamed meanwhile; the card says it is waiting.

use std::time::Duration;

use sea_orm::EntityTrait;

use crate::domain::payment_order::OrderState;
use crate::error::AppError;
use crate::ssr::entities::payment_order;
use crate::ssr::infra::server_state::ServerState;

use super::gateway_orders::ask_gateway;

/// Longer than a notification usually takes (the sandbox's is 1.5 s late), short enough that a
/// candidate who has not paid is told so while still looking.
const WAIT_AT_MOST: Duration = Duration::from_secs(10);
const LOOK_EVERY: Duration = Duration::from_millis(500);

/// The order as it stands once paid (or otherwise moved), or as it was after the wait.
pub async fn await_payment_result(
    state: &ServerState,
    order: payment_order::Model,
) -> Result<payment_order::Model, AppError> {
    // An unreachable gateway is no answer: its notification may still come.
    if let Err(error) = ask_gateway(state, &order).await {
        tracing::warn!(order = %order.order_no, %error, "the gateway could not be asked about a returning candidate's order");
    }
    let started = tokio::time::Instant::now();
    let mut latest = order;
    loop {
        latest = payment_order::Entity::find_by_id(latest.id).one(&state.db).await?.unwrap_or(latest);
        if latest.state != OrderState::Created || started.elapsed() >= WAIT_AT_MOST {
            return Ok(latest);
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

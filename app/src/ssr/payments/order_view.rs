//! An order row as the candidate's page shows it.

use crate::domain::china_time::china_time;
use crate::models::payment::OrderView;
use crate::ssr::entities::payment_order;
use crate::ssr::infra::payment_gateway::pay_address;
use crate::ssr::infra::server_state::ServerState;

/// The gateway's code for a payment staff recorded on site.
pub const ON_SITE: &str = "on_site";

pub fn order_view(state: &ServerState, order: &payment_order::Model) -> OrderView {
    let gateway = state.gateways.find(&order.gateway);
    let (gateway_zh, gateway_en) = match gateway {
        Some(g) => (g.name_zh().to_string(), g.name_en().to_string()),
        None if order.gateway == ON_SITE => ("现场缴费".to_string(), "Paid on site".to_string()),
        None => (order.gateway.clone(), order.gateway.clone()),
    };
    OrderView {
        order_no: order.order_no.clone(),
        amount_fen: order.amount(),
        state: order.state,
        gateway: order.gateway.clone(),
        gateway_zh,
        gateway_en,
        cashier_url: gateway.filter(|_| order.state.is_open()).map(|_| pay_address(&order.order_no)),
        created_at: china_time(order.created_at),
        paid_at: order.paid_at.map(china_time),
    }
}

//! The numbers Zige gives an order and its refund, as the gateways see them.

/// Zige's one refund number of an order: a gateway asked twice with it refunds once, and a
/// refund notification carrying it is the refund Zige asked for (another is the console's).
pub fn refund_no(order_no: &str) -> String {
    format!("RF{}", order_no.trim_start_matches("ZG"))
}

/// "ZG" and 20 capital hex digits: unguessable, so an order number alone reveals nothing.
pub fn new_order_no() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string().to_ascii_uppercase();
    format!("ZG{}", &id[..20])
}

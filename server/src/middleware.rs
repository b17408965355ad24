//! Checks every request passes before it reaches a route or a server function.

pub mod client_address;
pub mod idempotency;
pub mod rate_limit;
pub mod same_origin;

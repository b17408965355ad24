//! Checks every request passes before it reaches a route or a server function.

pub mod admin_bodies;
pub mod admission;
pub mod body_limit;
pub mod client_address;
pub mod client_request_id;
pub mod error_wire;
pub mod idempotency;
pub mod notice_first;
pub mod probes_and_files;
pub mod rate_limit;
pub mod request_metrics;
pub mod same_origin;
pub mod session_holder;
pub mod session_saved;
pub mod staff_idle;
pub mod storage_overtime;
pub mod unread_body;

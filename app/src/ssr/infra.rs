//! What every room stands on: the server's shared state, its clock, the blob store and its sweep,
//! the budgets and rate limits that keep a flood from taking the server down, the pages' security
//! policy, the append-only audit log every room writes to, what a failure of the machinery
//! means to the person who asked, and the ports the state holds (payment gateways, the tickets'
//! keys) whose users live in the rooms above.

pub mod assistant_port;
pub mod audit;
pub mod blob_store;
pub mod blob_sweep;
pub mod client_address;
pub mod clock;
pub mod decode_budget;
pub mod document_layout;
pub mod failure;
pub mod idempotency;
pub mod inline_qr_svg;
pub mod keyed_tally;
pub mod limit_settings;
pub mod page_policy;
pub mod payment_gateway;
pub mod rate_limits;
pub mod request_reference;
pub mod server_state;
pub mod site_address;
pub mod store_health;
pub mod ticket_signing_keys;
pub mod write_transaction;

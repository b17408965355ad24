//! Outside services money and texts go through (payment and SMS gateways), and the one HTTP client for every outside service.

pub mod official_account;
pub mod outbound_http;
pub mod payments;
pub mod sms;

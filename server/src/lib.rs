//! The Zige server: configuration, start-up, plain HTTP routes and command-line tools. Pages and
//! server functions come from the shared `app` crate.

pub mod backup;
pub mod cli;
pub mod config;
pub mod demo_data;
pub mod documents;
pub mod gateways;
pub mod http;
pub mod outbox;
pub mod process;
#[cfg(test)]
mod room_rules;
pub mod sign_in_provider;
pub mod stores;
pub mod telemetry;

//! The Zige server: configuration, start-up, plain HTTP routes and command-line tools. Pages and
//! server functions come from the shared `app` crate.

pub mod background_tasks;
pub mod backup;
pub mod body_limits;
pub mod cli;
pub mod config;
pub mod demo_data;
pub mod documents;
pub mod guarded_blob_store;
pub mod mailer;
pub mod metrics_recorder;
pub mod middleware;
pub mod object_blob_store;
pub mod outbound_http;
pub mod outbox_worker;
pub mod page_context;
pub mod page_routes;
pub mod payments;
pub mod private_files;
pub mod router;
pub mod routes;
pub mod secret_file;
pub mod serving;
pub mod session_key;
pub mod session_store;
pub mod sign_in_provider;
pub mod site_options;
pub mod sms;
pub mod startup;
pub mod storage;
pub mod store_breaker;
pub mod telemetry;
pub mod timed_blob_store;

//! The integration tests that read what the server logged (`support::captured_log`: the process's
//! one log, caught from the first use). They are a binary apart from the others, so no other
//! test's server writes into the lines they search.
#[path = "../support/mod.rs"]
mod support;

mod account_recovery;
mod observability;
mod provider_sign_in;
mod request_guards;
mod text_messages;

//! The one way the browser reads JSON text.
//!
//! serde_json compiles a decoder per type and per reader (`from_str`, `from_slice`), and
//! server functions' error answers are read with `from_slice`; reading every other JSON text the
//! same way (what the device kept, the uploads' and the outbox's answers) keeps one decoder per
//! type in the WASM instead of two. (Successful answers and the page's data arrive in postcard,
//! `api::wire`.)

use serde::de::DeserializeOwned;

/// `serde_json::from_str`, through the reader server functions use.
pub fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}

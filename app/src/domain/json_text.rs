//! The one way the browser reads JSON text.
//!
//! serde_json compiles a decoder per type and per reader (`from_str`, `from_slice`), and
//! server-function answers are read with `from_slice`; reading every other text the same way
//! (a resource's first value, what the device kept, an error answer) keeps one decoder per type
//! in the WASM instead of two.

use serde::de::DeserializeOwned;

/// `serde_json::from_str`, through the reader server functions use.
pub fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}

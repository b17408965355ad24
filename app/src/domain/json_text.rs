//! The one way JSON text is read in the browser's code.
//!
//! serde_json compiles a decoder per type and per reader (`from_str`, `from_slice`); reading
//! every JSON text the same way keeps one. The candidate's pages read none: answers, errors and the
//! page's data arrive in postcard (`api::wire`, `error::wire`) and the device keeps its records in
//! postcard (`device_record`). What still reads JSON sits in chunks fetched on demand: the records
//! an older build kept on the device (`client::legacy_records`) and the ticket check at the exam hall's entrance.

use serde::de::DeserializeOwned;

/// `serde_json::from_str`, through one reader.
pub fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}

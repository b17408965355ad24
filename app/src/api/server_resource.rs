//! A resource whose value comes from a server function, with the codec its first value travels
//! in from the server's render to the browser: JSON, as leptos's default, but read through the
//! same reader as server-function answers (`domain::json_text` says why). The text on the wire is
//! unchanged.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

use crate::domain::json_text::read_json;

/// JSON written as leptos writes it, read back through the same reader as server functions.
pub struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        read_json(text)
    }
}

/// `Resource::new`, but in [`SliceJson`]: rendered on the server, its value sent with the page,
/// fetched again whenever `source` changes.
#[track_caller]
pub fn server_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, SliceJson>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

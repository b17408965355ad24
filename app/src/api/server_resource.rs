//! A resource whose value comes from a server function, with the codec its first value travels
//! in from the server's render to the browser: postcard, as the browser reads server-function
//! answers (`api::wire` says why), written in base64 because it travels inside the page's text.

use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use base64::Engine;
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// Postcard in base64: the page's data in the form the browser reads its answers in.
pub struct PageData;

impl<T: Serialize> Encoder<T> for PageData {
    type Error = String;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, String> {
        postcard::to_allocvec(value).map(|bytes| BASE64.encode(bytes)).map_err(|e| e.to_string())
    }
}

impl<T: DeserializeOwned> Decoder<T> for PageData {
    type Error = String;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, String> {
        let bytes = BASE64.decode(text).map_err(|e| e.to_string())?;
        postcard::from_bytes(&bytes).map_err(|e| e.to_string())
    }
}

/// `Resource::new`, but in [`PageData`]: rendered on the server, its value sent with the page,
/// fetched again whenever `source` changes.
#[track_caller]
pub fn server_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, PageData>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

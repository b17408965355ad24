//! How server functions answer: in postcard to the browser, in JSON to everyone else.
//!
//! The browser's code carries a decoder for every type it receives. serde_json's decoders match
//! field names and accept both objects and arrays; postcard's read fields in order. Reading every
//! answer and every page's data in postcard took 12.8 KB off the candidate's compressed WASM
//! (`docs/benchmarks.md`). Anyone else (the tests, curl, a script) asks with no `Accept` of
//! postcard and gets the same JSON as before, with its own content type.
//!
//! Errors are written as JSON everywhere and rewritten for a client that asked for postcard on the
//! way out (`error::wire`, `server::middleware::error_wire`), so the browser decodes postcard only.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// The content type the browser asks for (`Accept`) and receives.
pub const POSTCARD: &str = "application/x-postcard";

/// Postcard for the browser; JSON when the request did not ask for postcard.
pub struct WireEncoding;

/// Answers in [`WireEncoding`], arguments as the server function's `input` says.
pub type Wire = Post<WireEncoding>;

impl ContentType for WireEncoding {
    const CONTENT_TYPE: &'static str = POSTCARD;
}

impl FormatType for WireEncoding {
    const FORMAT_TYPE: Format = Format::Binary;
}

impl<T: Serialize> Encodes<T> for WireEncoding {
    type Error = String;

    fn encode(value: &T) -> Result<Bytes, String> {
        #[cfg(feature = "ssr")]
        {
            let json = !asked_for_postcard();
            label_answer(json);
            if json {
                return serde_json::to_vec(value).map(Bytes::from).map_err(|e| e.to_string());
            }
        }
        postcard::to_allocvec(value).map(Bytes::from).map_err(|e| e.to_string())
    }
}

impl<T: DeserializeOwned> Decodes<T> for WireEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, String> {
        postcard::from_bytes(&bytes).map_err(|e| e.to_string())
    }
}

/// Whether the request being answered lists postcard in its `Accept`.
#[cfg(feature = "ssr")]
fn asked_for_postcard() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| accepts_postcard(&parts.headers))
}

/// Whether request headers list postcard in `Accept` (server_fn's browser client sends the
/// answer's content type there, and the outbox does the same): for the server functions' answers
/// here and for errors rewritten on the way out (`server::middleware::error_wire`).
#[cfg(feature = "ssr")]
pub fn accepts_postcard(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains(POSTCARD))
}

/// server_fn labels every answer with the encoding's content type, so a JSON answer says JSON
/// here; and either form says it depends on `Accept`, for any cache between.
#[cfg(feature = "ssr")]
fn label_answer(json: bool) {
    use http::{header, HeaderValue};
    let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
    if json {
        options.insert_header(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    options.append_header(header::VARY, HeaderValue::from_static("accept"));
}

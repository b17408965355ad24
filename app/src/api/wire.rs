//! How server functions answer: in postcard to the browser, in JSON to everyone else.
//!
//! The browser's code carries a decoder for every type it receives. serde_json's decoders match
//! field names and accept both objects and arrays; postcard's read fields in order. Reading every
//! answer and every page's data in postcard took 12.8 KB off the candidate's compressed WASM
//! (`docs/benchmarks.md`). Anyone else (the tests, curl, a script) asks with no `Accept` of
//! postcard and gets the same JSON as before, with its own content type.
//!
//! Errors are written the same way where they arise (`error::wire`: a server function's error
//! there, a guard's or a plain route's through `server::routes::error_response`), so the browser
//! decodes postcard only. Which form was asked for, and the labels either form carries, are
//! `error::wire`'s, the lowest place both use.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

#[cfg(feature = "ssr")]
pub use crate::error::wire::accepts_postcard;
use crate::error::wire::encode_as_asked;
pub use crate::error::wire::POSTCARD;

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
        encode_as_asked(value)
    }
}

impl<T: DeserializeOwned> Decodes<T> for WireEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, String> {
        postcard::from_bytes(&bytes).map_err(|e| e.to_string())
    }
}

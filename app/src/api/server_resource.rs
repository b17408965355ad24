//! A resource whose value comes from a server function, with the codec its first value travels
//! in from the server's render to the browser: postcard, as the browser reads server-function
//! answers (`api::wire` says why), written as text because it travels inside the page.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// Postcard written as [`page_text`]: the page's data in the form the browser reads its answers in.
pub struct PageData;

impl<T: Serialize> Encoder<T> for PageData {
    type Error = String;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, String> {
        postcard::to_allocvec(value).map(|bytes| page_text(&bytes)).map_err(|e| e.to_string())
    }
}

impl<T: DeserializeOwned> Decoder<T> for PageData {
    type Error = String;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, String> {
        postcard::from_bytes(&page_bytes(text)?).map_err(|e| e.to_string())
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

/// Bytes as text that travels in the page unescaped and compresses like the bytes themselves:
/// printable ASCII stays as it is (but the quote, the backslash and `<`, which leptos would
/// escape), every other byte becomes the character 256 places higher (Latin Extended, two bytes
/// of UTF-8, never escaped). In base64 the exam page's data took 6.0 KB of brotli instead of
/// 3.7 KB: base64 writes the same bytes three ways, depending on where they fall.
fn page_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&byte| match byte {
            0x20..=0x7e if !matches!(byte, b'"' | b'\\' | b'<') => char::from(byte),
            // 0x100..=0x1ff are all characters.
            _ => char::from_u32(0x100 + u32::from(byte)).unwrap_or(char::REPLACEMENT_CHARACTER),
        })
        .collect()
}

/// The bytes [`page_text`] wrote.
fn page_bytes(text: &str) -> Result<Vec<u8>, String> {
    text.chars()
        .map(|c| match u32::from(c) {
            code @ 0x20..=0x7e => Ok(code as u8),
            code @ 0x100..=0x1ff => Ok((code - 0x100) as u8),
            code => Err(format!("not page data: U+{code:04X}")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_comes_back() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(page_bytes(&page_text(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn the_text_needs_no_escape_in_the_page() {
        let text = page_text(&(0..=255).collect::<Vec<u8>>());
        assert_eq!(format!("{text:?}"), format!("\"{text}\""), "Rust's Debug, which leptos writes it with");
        assert!(!text.contains('<'));
    }

    #[test]
    fn a_page_value_comes_back_whole() {
        let value = (String::from("身份证 \"正面\" <small>"), vec![1_u32, 300, 70_000], Some(-2_i64));
        let text = <PageData as Encoder<_>>::encode(&value).unwrap();
        let back: (String, Vec<u32>, Option<i64>) = <PageData as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn other_text_is_refused_not_misread() {
        assert!(page_bytes("中").is_err());
    }
}

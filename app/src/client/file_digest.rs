//! A file's SHA-256, by the browser's own Web Crypto (no hashing code shipped in the WASM).

use wasm_bindgen::JsCast;

/// Lower-case hex, as the server writes a stored file's; None where Web Crypto is missing (a page
/// not served over HTTPS or from localhost).
pub async fn sha256_hex(bytes: &[u8]) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let digest = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let digest = js_sys::Uint8Array::new(digest.dyn_ref::<js_sys::ArrayBuffer>()?).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

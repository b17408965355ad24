//! The Content-Security-Policy of every HTML page. Scripts run only from this origin or with the
//! nonce leptos_axum draws for each response (it puts the nonce on the hydration script and on
//! every inline script of the HTML stream); WebAssembly may compile; pictures may also be the
//! browser's own `blob:` previews of a chosen file. Style attributes set by the views (zoom,
//! rotation, progress) need 'unsafe-inline' for styles, which runs no code.

use leptos::prelude::use_context;

/// Sets the header on the page being rendered; outside a page render there is nothing to set.
pub fn apply() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

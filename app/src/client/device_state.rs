//! What the page asks of the device itself rather than of its store: whether it is online, its
//! clock, a fresh key for an action, and whether the browser will keep the site's storage. Small
//! and needed as the exam page starts, so in the main module (the store's code is a chunk,
//! `device_chunk`).

/// Whether the browser believes it is online (a `false` is certain; a `true` is a hope).
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// The device's clock as "22:41:07", for telling the candidate when the draft was kept.
pub fn clock_text() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}

/// A fresh key for one action (a UUID from the browser's generator).
pub fn new_action_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64))
}

/// Asks the browser to keep this site's storage under pressure; `Some(false)` when it said no
/// (the page then says the queue may be cleared), `None` when it cannot be asked.
pub async fn ask_to_persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let granted = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?).await.ok()?;
    granted.as_bool()
}

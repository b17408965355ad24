//! Waiting in the browser without holding its only thread: a timer the page's tasks await.

use std::time::Duration;

use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;

/// Resolves after `duration` (at once where there is no window to keep the time).
pub async fn pause(duration: Duration) {
    let wait = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, duration.as_millis() as i32);
        }
    });
    let _ = JsFuture::from(wait).await;
}

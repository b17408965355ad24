//! Waiting until the browser has painted what is on the page now: work that can wait (fetching
//! ahead, a request whose answer nobody looks at yet) then does not delay the frame a person waits
//! for.

use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Resolves once the next frame has been painted: an animation frame's callback runs just before
/// that frame is drawn, and a timeout set from it runs after.
pub async fn after_next_paint() {
    let Some(window) = leptos::web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let (window_then, resolve_then) = (window.clone(), resolve.clone());
        let after_frame = Closure::once_into_js(move || {
            if window_then.set_timeout_with_callback(resolve_then.unchecked_ref()).is_err() {
                let _ = resolve_then.call0(&JsValue::NULL);
            }
        });
        if window.request_animation_frame(after_frame.unchecked_ref()).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

//! The offline copy (`/sw.js`, a service worker): registered once the page is live, and its kept
//! pages forgotten whenever someone signs in or out, so a shared phone never shows one person's
//! copy to another. Called by name through `Reflect`: the two calls need no web-sys features.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The cache `/sw.js` keeps pages and thumbnails in (keep the two names equal).
const PAGES: &str = "zige-pages-v1";

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok().and_then(|f| f.dyn_into::<Function>().ok())
}

/// Asks the browser to run `/sw.js` for the whole site (a browser without service workers, or a
/// page not served over HTTPS or localhost, simply goes without the offline copy).
pub fn register_offline_copy() {
    let Some(window) = web_sys::window() else { return };
    let Ok(container) = Reflect::get(&window.navigator(), &"serviceWorker".into()) else { return };
    if container.is_undefined() {
        return;
    }
    if let Some(register) = method(&container, "register") {
        let _ = register.call1(&container, &JsValue::from_str("/sw.js"));
    }
}

/// Empties the kept pages (sign-in, sign-up, sign-out).
pub fn forget_offline_pages() {
    let Some(window) = web_sys::window() else { return };
    let Ok(caches) = Reflect::get(&window, &"caches".into()) else { return };
    if caches.is_undefined() {
        return;
    }
    if let Some(delete) = method(&caches, "delete") {
        let _ = delete.call1(&caches, &JsValue::from_str(PAGES));
    }
}

/// Runs `then` once the offline copy keeps what this page fetches: at once when `/sw.js` already
/// controls the page, else when it takes control (the first page a phone opens is not yet
/// controlled, so what it fetched early is not in the copy). Never, without service workers.
fn once_offline_copy_keeps(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let Ok(container) = Reflect::get(&window.navigator(), &"serviceWorker".into()) else { return };
    if container.is_undefined() {
        return;
    }
    let controlled = Reflect::get(&container, &"controller".into()).is_ok_and(|c| !c.is_null() && !c.is_undefined());
    if controlled {
        then();
        return;
    }
    let Some(listen) = method(&container, "addEventListener") else { return };
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"once".into(), &JsValue::TRUE);
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    let _ = listen.call3(&container, &JsValue::from_str("controllerchange"), &callback, &options);
}

/// How long after the offline copy took charge the parts kept for later are fetched: past the
/// page's first load, which is what the candidate waits for (a fresh phone's copy takes charge
/// while the page is still loading; the parts then competed with it for a slow line, and the first
/// load of an exam page once measured 474 KB instead of 349).
const AFTER_THE_FIRST_LOAD: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `preload` (a chunk's, a file's fetch) once the offline copy keeps what the page fetches,
/// after the first load and when the browser is idle: this is for later, offline. Failing costs
/// nothing: a chunk is fetched again when first used.
pub fn keep_for_offline(preload: fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>) {
    use leptos::prelude::{request_idle_callback, set_timeout};

    once_offline_copy_keeps(move || {
        set_timeout(move || request_idle_callback(move || leptos::task::spawn_local(preload())), AFTER_THE_FIRST_LOAD);
    });
}

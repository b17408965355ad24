//! One sender across tabs: the pending queue is sent under a Web Lock (`navigator.locks`), so a second
//! tab open on the same exam waits while the first sends instead of sending the same queue again.
//! (The server's keys would turn a double send into one stored file anyway; the lock spares the
//! phone's data.) web-sys keeps the Locks API behind its unstable flag, so it is called by name.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Runs `work` holding the lock `name` when no other tab holds it and hands back its result;
/// `None` when another tab holds the lock. A browser without the Locks API runs it at once.
pub async fn run_alone<F, Fut, T>(name: &str, work: F) -> Option<T>
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    let locks = web_sys::window()
        .and_then(|window| Reflect::get(&window.navigator(), &"locks".into()).ok())
        .filter(|locks| !locks.is_undefined() && !locks.is_null());
    let request =
        locks.as_ref().and_then(|locks| Reflect::get(locks, &"request".into()).ok()?.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        return Some(work().await);
    };
    let outcome = Rc::new(RefCell::new(None));
    let callback = {
        let outcome = outcome.clone();
        // The lock is held until the promise this returns settles; `null` means another tab has it.
        Closure::once_into_js(move |lock: JsValue| -> JsValue {
            if lock.is_null() {
                return JsValue::UNDEFINED;
            }
            future_to_promise(async move {
                let result = work().await;
                *outcome.borrow_mut() = Some(result);
                Ok(JsValue::UNDEFINED)
            })
            .into()
        })
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    if let Ok(done) = request.call3(&locks, &JsValue::from_str(name), &options, &callback) {
        if let Ok(done) = done.dyn_into::<Promise>() {
            let _ = JsFuture::from(done).await;
        }
    }
    outcome.take()
}

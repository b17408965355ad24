#![recursion_limit = "256"]
//! Browser entry point: hydrate the server-rendered page.

mod photo_fit_benchmark;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

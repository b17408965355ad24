#![recursion_limit = "256"]
//! Browser entry point: hydrate the server-rendered page.

mod photo_fit_benchmark;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Hydration is async: a staff page is a lazy route whose code chunk is fetched first (see
    // app::lazy_routes). The page is marked live only when all of it is.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("a page has a body");
        let page = leptos::mount::hydrate_from_async(body, app::App).await;
        page.forget();
        app::mark_hydrated();
    });
}

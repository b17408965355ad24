#![recursion_limit = "256"]
//! Browser entry point: hydrate the server-rendered page.

// Only in the benchmark's build: it keeps the photo tool's code in the main bundle, which
// candidates fetch on demand (app::components::photo_tools_on_demand).
#[cfg(feature = "photo-fit-benchmark")]
mod photo_fit_benchmark;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let path = leptos::prelude::window().location().pathname().unwrap_or_default();
    if !app::lazy_routes::is_lazy_path(&path) {
        // The candidate's pages are in the main bundle: hydrated at once.
        leptos::mount::hydrate_body(app::App);
        app::mark_hydrated();
        return;
    }
    // A staff page is a lazy route whose code chunk is fetched first (app::lazy_routes): its
    // hydration waits for it, and the page is marked live only when all of it is.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("a page has a body");
        let page = leptos::mount::hydrate_from_async(body, app::App).await;
        page.forget();
        app::mark_hydrated();
    });
}

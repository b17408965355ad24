#![recursion_limit = "256"]
//! Browser entry point: bring the server-rendered page to life.
//!
//! The candidate's pages live as islands (`app::island_page`): only their `#[island]`s hydrate,
//! and this module holds little more than those. The staff's pages (and the two others that load
//! on demand, `app::lazy_routes`) hydrate the whole app, router included, from a code chunk that
//! only those paths fetch.

use std::future::Future;
use std::pin::Pin;

use leptos::wasm_split::SplitLoaderError;

// Only in the benchmarks' build: it keeps the photo tool's code in the main bundle, which
// candidates fetch on demand (app::components::photo_tools_on_demand).
#[cfg(feature = "browser-benchmarks")]
mod browser_benchmarks;

/// Starts the page's code; answers whether the page lives as islands, which the page's script
/// (`app::components::idle_hydration`) then brings to life one by one.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() -> bool {
    console_error_panic_hook::set_once();
    let path = leptos::prelude::window().location().pathname().unwrap_or_default();
    if !app::lazy_routes::is_lazy_path(&path) {
        app::island_page::enter_islands_mode();
        leptos::mount::hydrate_islands();
        return true;
    }
    // The whole app waits for its chunk, then for the lazy route's; the page is marked live only
    // when all of it is. A chunk that cannot load leaves the server's page as it is.
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(whole_app) = hydrate_whole_app(path).await {
            whole_app.await;
        }
    });
    false
}

/// Called by the page's script once every island is live.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn islands_hydrated() {
    app::mark_hydrated();
}

/// The whole app's hydration at `path`, in a chunk of its own (`cargo leptos --split`): everything only the
/// staff's pages use (the router, the shell, their screens) goes with it. It hydrates
/// synchronously once the route's own chunk is loaded: asynchronous hydration is not compiled in
/// (`vendor/README.md`).
#[leptos::wasm_split::wasm_split(whole_app, wasm_split_path = ::leptos::wasm_split, fallible)]
fn hydrate_whole_app(path: String) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        app::lazy_routes::load_page_chunk(&path).await;
        leptos::mount::hydrate_body(app::App);
        app::mark_hydrated();
    }))
}

/// Room for `cargo leptos --split` to lay out the read-only data per module. wasm-split moves each
/// piece of data into the module that alone uses it, but when that layout (with its alignment
/// padding) comes out longer than the input's segment, it keeps the whole segment in the main
/// module, staff texts included: 743 bytes over cost the candidate's download about 30 KB of
/// brotli (`docs/benchmarks.md`). Nothing uses these bytes, so no module receives them: they
/// only lengthen the input's segment. 8 KB was enough for the test command's build (its
/// workspace crates compiled through clippy-driver) but not for the plain release build
/// `./scripts/run.sh` serves, whose main module then carried every chunk's data (1.7 MB raw,
/// 2026-12-01); the room costs no download, so it is generous.
#[used]
static SPLIT_DATA_ROOM: [u8; 65536] = [0x5A; 65536];

//! The script that starts the browser's code, once the page has painted.
//!
//! leptos's `<HydrationScripts defer=true/>` waits for an idle moment too, but it also puts two
//! preload links in the head, and those start the half-megabyte WASM download while the HTML is
//! still being read. On a slow phone the page's text is already painted by then, yet Lighthouse
//! (mobile) counts every download begun before the paint as part of it: the exam page's largest
//! paint measured 3.3 s instead of the 0.14 s it took, and performance stayed at 88-90 (issue 11).
//! Without the links, nothing but the page and its stylesheet is asked for before the first
//! paint. What is given up: the early fetch of a staff page's lazy chunk, now fetched with the
//! page's code at hydration.

use leptos::config::LeptosOptions;
use leptos::nonce::use_nonce;
use leptos::prelude::*;

/// Imports the app's JS and WASM when the browser is idle (after 2 s at the latest), then
/// hydrates. `hydrate()` answers whether the page lives as islands (`island_page`); if so, each
/// island is brought to life by its own export, in the page's order, and the page is then marked
/// live (the whole app marks itself once its chunk has hydrated). An island whose code is a chunk
/// of its own (`island_in_chunk`) answers a promise, kept once it is live: the islands after it,
/// and the mark, wait for it, so the resources are made in the server's order and a form sent
/// meanwhile waits for the code (`forms_wait_for_code`).
#[component]
pub fn IdleHydration(options: LeptosOptions) -> impl IntoView {
    // Unlike leptos's own islands script, the server stays in hydrating mode for the whole page.
    // leptos marks only an island's first, synchronous render as hydrating, so a resource made
    // later inside it (a part drawn once the exam page's data has arrived) was sent without
    // its data and its marks, and the browser, which numbers every resource, stopped on the
    // mismatch. Outside the islands nothing makes a resource, so the numbering agrees.
    let code = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "(() => {{ \
           const live = (app) => {{ \
             if (!app.hydrate()) return; \
             let before; \
             for (const island of document.querySelectorAll('leptos-island')) {{ \
               const bring = app[island.dataset.component]; \
               if (!bring) console.warn('no code for island', island.dataset.component); \
               else before = before ? before.then(() => bring(island)) : bring(island); \
             }} \
             Promise.resolve(before).then(() => app.islands_hydrated()); \
           }}; \
           const start = () => import('{code}.js').then((app) => \
             app.default({{ module_or_path: '{code}.wasm' }}).then(() => live(app))); \
           if ('requestIdleCallback' in window) requestIdleCallback(start, {{ timeout: 2000 }}); \
           else start(); \
         }})();"
    );
    view! { <script type="module" nonce=use_nonce()>{script}</script> }
}

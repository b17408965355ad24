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
/// hydrates.
#[component]
pub fn IdleHydration(options: LeptosOptions) -> impl IntoView {
    let code = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "(() => {{ \
           const start = () => import('{code}.js').then((app) => \
             app.default({{ module_or_path: '{code}.wasm' }}).then(() => app.hydrate())); \
           if ('requestIdleCallback' in window) requestIdleCallback(start, {{ timeout: 2000 }}); \
           else start(); \
         }})();"
    );
    view! { <script type="module" nonce=use_nonce()>{script}</script> }
}

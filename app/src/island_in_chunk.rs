//! A page's island whose code is a chunk of its own (`cargo leptos --split`), fetched by that page
//! alone: the exam page, which every candidate opens and fills in, no longer carries the code of
//! the sign-up, log-in, account, notifications and photo-tool pages and of 我的考试 (issue 69;
//! `docs/benchmarks.md`, "The candidate's first load").
//!
//! leptos's `#[island(lazy)]` moves the code the same way, but its loader is not `fallible`: a
//! chunk that cannot arrive (the network dropped while the page loaded, or 我的考试 opened from
//! the offline copy after an update) panics, and a panic ends every island of the page. Here the
//! server renders the island as `#[island]` does; the browser's export for it, named by the island
//! element's `data-component`, loads the chunk, and when it cannot, leaves the server's page as it
//! is and tries again every few seconds, so the page comes to life soon after the network returns.
//! The page's script (`idle_hydration`) brings the islands after it to life, and marks the page
//! live, only once the export's promise is kept: the resources keep the server's order, and a form
//! sent meanwhile waits for the page's code with what it holds (`forms_wait_for_code`).

use leptos::prelude::*;

/// How long a page whose island's chunk could not arrive waits before asking again.
#[cfg(feature = "hydrate")]
const TRY_AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// Declares the page's component `$page`, an island whose content is `$content` and whose code is
/// the chunk `$chunk` (also the browser's export for it, and the island's `data-component`).
macro_rules! island_in_chunk {
    ($(#[$doc:meta])* $vis:vis fn $page:ident => $content:ident, chunk $chunk:ident) => {
        $(#[$doc])*
        #[::leptos::component]
        $vis fn $page() -> impl ::leptos::IntoView {
            $crate::island_in_chunk::island(stringify!($chunk), $content)
        }

        #[cfg(feature = "hydrate")]
        #[allow(non_snake_case)]
        mod $chunk {
            /// Brings the page's island to life once its chunk is here.
            #[::leptos::wasm_bindgen::prelude::wasm_bindgen(
                wasm_bindgen = ::leptos::wasm_bindgen,
                wasm_bindgen_futures = ::leptos::__reexports::wasm_bindgen_futures,
                js_name = $chunk
            )]
            pub async fn bring_to_life(element: ::leptos::web_sys::HtmlElement) {
                $crate::island_in_chunk::until_loaded(Box::new(move || Box::pin(hydrate(element.clone())))).await
            }

            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn hydrate(
                element: ::leptos::web_sys::HtmlElement,
            ) -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
                $crate::island_in_chunk::hydrate_island(&element, stringify!($chunk), super::$content);
                Ok(())
            }
        }
    };
}
pub(crate) use island_in_chunk;

/// `content` as `#[island]` renders it: inside the island's element, under an owner of its own,
/// hydrating as the server rendered it.
pub fn island<V: IntoView + 'static>(export: &'static str, content: fn() -> V) -> impl IntoView {
    use leptos::tachys::html::islands::Island;
    use leptos::tachys::reactive_graph::OwnedView;

    Island::new(
        export,
        untrack(move || Owner::new().with(move || Owner::with_hydration(move || OwnedView::new(content())))),
    )
}

/// Brings the server's island in `element` to life with `content`, for the rest of the page's life.
#[cfg(feature = "hydrate")]
pub fn hydrate_island<V: IntoView + 'static>(
    element: &leptos::web_sys::HtmlElement,
    export: &'static str,
    content: fn() -> V,
) {
    use leptos::tachys::view::{Position, RenderHtml};

    let state = island(export, content).hydrate_from_position::<true>(element, Position::Current);
    // The island lives as long as the page: its state is never unmounted.
    std::mem::forget(state);
}

/// A chunk's load and what runs once it is here.
#[cfg(feature = "hydrate")]
pub type Loading =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>>>>;

/// Runs `load` until its chunk arrives, waiting [`TRY_AGAIN_AFTER`] after each failure. One body
/// for every page's island (the loads are boxed).
#[cfg(feature = "hydrate")]
pub async fn until_loaded(load: Box<dyn Fn() -> Loading>) {
    while load().await.is_err() {
        crate::client::pause(TRY_AGAIN_AFTER).await;
    }
}

//! A part of a page whose code is a chunk of its own (`cargo leptos --split`), fetched when the
//! part is first shown, so no candidate page's first load carries it (issue 11; sizes in
//! docs/benchmarks.md): the photo tools (`photo_tools_on_demand`), the lightbox and the diploma
//! rows (`page_parts_on_demand`).
//!
//! Unlike a leptos lazy route, a chunk that cannot arrive does not stop the page: the place says so
//! and tries again when the network returns (the loaders are `fallible`). So that offline it does
//! arrive, a page that may need a chunk fetches it in the background once the offline copy
//! (`/sw.js`) keeps what the page fetches (`client::keep_for_offline`). The server never renders
//! these parts: this module is the browser's alone.

use leptos::prelude::*;

/// What the place says while the code arrives, and when it cannot (Chinese, English).
pub struct Texts {
    pub loading: (&'static str, &'static str),
    pub missing: (&'static str, &'static str),
}

/// A chunk's view on its way.
pub type Arriving =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, leptos::wasm_split::SplitLoaderError>>>>;

/// Shows the view `load` brings once its chunk is here; if the chunk cannot be fetched, says so
/// and tries again on 重试 or when the network returns. One body for every chunk (the loads are
/// boxed): a copy per chunk cost the candidate's first load about a kilobyte each.
pub fn on_demand(texts: Texts, load: Box<dyn Fn() -> Arriving>) -> AnyView {
    use send_wrapper::SendWrapper;

    use crate::i18n::tr;

    let attempt = RwSignal::new(0u32);
    let missing = RwSignal::new(false);
    // Only a failed load is tried again: a tool already shown keeps what the candidate did in it.
    let retry = move || {
        if missing.get_untracked() {
            attempt.update(|n| *n += 1);
        }
    };
    let back = window_event_listener(leptos::ev::online, move |_| retry());
    on_cleanup(move || back.remove());
    // The browser runs one thread: the load and its future never leave it.
    let load = SendWrapper::new(load);
    let Texts { loading, missing: missing_text } = texts;
    view! {
        <Suspense fallback=move || view! { <p class="muted" role="status">{tr(loading.0, loading.1)}</p> }>
            {move || {
                attempt.track();
                let arriving = SendWrapper::new(load());
                Suspend::new(async move {
                    let outcome = arriving.await;
                    // The candidate may have chosen another file meanwhile; this place is gone then.
                    let _ = missing.try_set(outcome.is_err());
                    outcome.unwrap_or_else(|_| {
                        view! {
                            <p class="violations" role="alert">
                                {tr(missing_text.0, missing_text.1)}" "
                                <button type="button" class="button" on:click=move |_| retry()>{tr("重试", "Try again")}</button>
                            </p>
                        }
                        .into_any()
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}

//! Said at the top of every page while the server cannot be reached: what is on screen is the copy
//! this phone kept (see `/sw.js`), and what the candidate types or chooses now is kept on the
//! phone and sent when the network returns. `navigator.onLine` only knows about the phone's own
//! link, so the page asks the server (`/health`) when it opens, when the browser says the link
//! changed, and every few seconds while it is down; when the server answers again it tells the
//! rest of the page with an `online` event, which the pending queue and the draft keeper listen to.

use leptos::prelude::*;

use crate::client::server_reachable;
use crate::i18n::tr;
use crate::island_page::{island_or_part, provide_island_contexts};

const RECHECK_WHILE_DOWN: std::time::Duration = std::time::Duration::from_secs(5);

/// An island on the candidate's pages, an ordinary part of the app on the staff's
/// (`island_page::island_or_part`).
#[component]
pub fn OfflineBanner() -> impl IntoView {
    island_or_part(|| view! { <OfflineBannerIsland/> }, banner)
}

#[island]
fn OfflineBannerIsland() -> impl IntoView {
    provide_island_contexts();
    banner()
}

fn banner() -> impl IntoView {
    // Online during server rendering and until the check says otherwise, so hydration matches.
    let offline = RwSignal::new(false);
    let check = move || {
        leptos::task::spawn_local(async move {
            let reachable = server_reachable().await;
            let was_offline = offline.try_get_untracked().unwrap_or(false);
            if offline.try_set(!reachable).is_none() {
                return; // the page is gone
            }
            if reachable && was_offline {
                announce_network_back();
            }
        });
    };
    Effect::new(move |_| check());
    let gone = window_event_listener(leptos::ev::offline, move |_| offline.set(true));
    let back = window_event_listener(leptos::ev::online, move |_| {
        if offline.get_untracked() {
            check();
        }
    });
    Effect::new(move |_| {
        if offline.get() {
            if let Ok(timer) = set_interval_with_handle(check, RECHECK_WHILE_DOWN) {
                on_cleanup(move || timer.clear());
            }
        }
    });
    on_cleanup(move || {
        gone.remove();
        back.remove();
    });
    view! {
        <Show when=move || offline.get()>
            <p class="offline-banner" role="status" data-testid="offline-banner">{tr(
                "离线副本：网络已断开，这是本机保存的页面。现在填写的内容和选择的文件都保存在本机，联网后自动发送。",
                "Offline copy: the network is down and this is the page as this phone kept it. What you type or choose now is kept on the phone and sent when the network returns.",
            )}</p>
        </Show>
    }
}

fn announce_network_back() {
    #[cfg(feature = "hydrate")]
    if let Ok(event) = web_sys::Event::new("online") {
        let _ = window().dispatch_event(&event);
    }
}

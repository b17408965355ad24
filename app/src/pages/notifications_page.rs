//! 通知: what happened to the person's applications, newest first; opening the page reads them.

use leptos::prelude::*;

use crate::api::server_resource::server_resource;
use crate::api::{mark_notifications_read, my_notifications};
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::i18n::{tr, use_lang};
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn NotificationsPage => content, chunk notifications_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let lang = use_lang();
    let list = server_resource(|| (), |_| my_notifications());
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let _ = mark_notifications_read().await;
        });
    });
    view! {
        <h1>{tr("通知", "Notifications")}</h1>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p>{tr("暂无通知。", "No notifications yet.")}</p> }.into_any(),
                    Ok(items) => view! {
                        <ol class="notifications" data-testid="notifications">
                            {items.into_iter().map(|n| view! {
                                <li class:unread=!n.read>
                                    <time><ChinaTimeText at=n.at.clone()/></time>" "
                                    <a href=n.link.clone()>{move || lang.get().pick(n.message_zh.clone(), n.message_en.clone())}</a>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

//! Pictures one at a time, paged with ← and → (as the seed's 查看 and 上传示例 dialogs do),
//! closed with Esc. Used for a category's own pictures and for its examples.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};

/// One picture and what to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct LightboxItem {
    pub url: String,
    pub alt: String,
    pub caption_zh: String,
    pub caption_en: String,
}

#[component]
pub fn Lightbox(
    items: Vec<LightboxItem>,
    start: usize,
    on_close: Callback<()>,
    #[prop(into)] label: Signal<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let count = items.len();
    let index = RwSignal::new(start.min(count.saturating_sub(1)));
    let step =
        move |delta: isize| index.update(|i| *i = (*i as isize + delta).rem_euclid(count.max(1) as isize) as usize);
    let keys = window_event_listener(leptos::ev::keydown, move |ev| match ev.key().as_str() {
        "ArrowLeft" => step(-1),
        "ArrowRight" => step(1),
        "Escape" => on_close.run(()),
        _ => {}
    });
    on_cleanup(move || keys.remove());
    let items = StoredValue::new(items);
    let current = move || items.with_value(|m| m.get(index.get()).cloned());

    view! {
        <div class="lightbox" role="dialog" aria-modal="true" aria-label=move || label.get()>
            <div class="lightbox-bar">
                <span class="lightbox-position" data-testid="lightbox-position">
                    {move || current().map(|item| {
                        let n = index.get() + 1;
                        lang.get().pick(format!("第 {n} / {count} 张 · {}", item.caption_zh), format!("{n} of {count} · {}", item.caption_en))
                    })}
                </span>
                <button type="button" class="link-button" on:click=move |_| on_close.run(())>{tr("关闭", "Close")}</button>
            </div>
            <div class="lightbox-stage">
                <button type="button" class="page-button" aria-label=tr("上一张", "Previous") on:click=move |_| step(-1)>"←"</button>
                {move || current().map(|item| view! { <img src=item.url alt=item.alt/> })}
                <button type="button" class="page-button" aria-label=tr("下一张", "Next") on:click=move |_| step(1)>"→"</button>
            </div>
        </div>
    }
    .into_any()
}

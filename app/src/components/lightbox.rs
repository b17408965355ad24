//! A category's images one at a time, in sequence order, paged with ← and → (as the seed's
//! 查看 dialog does), closed with Esc.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::models::MaterialView;

#[component]
pub fn Lightbox(materials: Vec<MaterialView>, start: usize, on_close: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let count = materials.len();
    let index = RwSignal::new(start.min(count.saturating_sub(1)));
    let step = move |delta: isize| index.update(|i| *i = (*i as isize + delta).rem_euclid(count.max(1) as isize) as usize);
    let keys = window_event_listener(leptos::ev::keydown, move |ev| match ev.key().as_str() {
        "ArrowLeft" => step(-1),
        "ArrowRight" => step(1),
        "Escape" => on_close.run(()),
        _ => {}
    });
    on_cleanup(move || keys.remove());
    let materials = StoredValue::new(materials);
    let current = move || materials.with_value(|m| m.get(index.get()).cloned());

    view! {
        <div class="lightbox" role="dialog" aria-modal="true" aria-label=tr("查看材料", "View materials")>
            <div class="lightbox-bar">
                <span class="lightbox-position" data-testid="lightbox-position">
                    {move || current().map(|m| {
                        let n = index.get() + 1;
                        lang.get().pick(format!("第 {n} / {count} 张 · 顺序号 {}", m.seq_no), format!("{n} of {count} · seq. no. {}", m.seq_no))
                    })}
                </span>
                <button type="button" class="link-button" on:click=move |_| on_close.run(())>{tr("关闭", "Close")}</button>
            </div>
            <div class="lightbox-stage">
                <button type="button" class="page-button" aria-label=tr("上一张", "Previous") on:click=move |_| step(-1)>"←"</button>
                {move || current().map(|m| view! { <img src=m.file_url() alt=m.original_name.clone()/> })}
                <button type="button" class="page-button" aria-label=tr("下一张", "Next") on:click=move |_| step(1)>"→"</button>
            </div>
        </div>
    }
    .into_any()
}

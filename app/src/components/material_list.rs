//! The images already uploaded to one category: thumbnail, sequence number, size, view, delete.

use leptos::prelude::*;

use crate::api::delete_material;
use crate::components::error_note::ErrorNote;
use crate::domain::byte_size::{format_bytes, Rounding};
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::MaterialView;

#[component]
pub fn MaterialList(materials: Vec<MaterialView>, on_view: Callback<usize>, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let confirming = RwSignal::new(None::<String>);
    let delete = Action::new(move |id: &String| {
        let id = id.clone();
        async move {
            let outcome = delete_material(id).await;
            confirming.set(None);
            if outcome.is_ok() {
                on_changed.run(());
            }
            outcome
        }
    });

    view! {
        <ul class="materials">
            {materials.into_iter().enumerate().map(|(position, m)| {
                let id = m.id.clone();
                let is_confirming = { let id = id.clone(); move || confirming.get().as_deref() == Some(id.as_str()) };
                let size = format_bytes(m.bytes, Rounding::Up);
                view! {
                    <li class="material" data-seq=m.seq_no>
                        <img class="thumb" src=m.file_url() alt=m.original_name.clone() loading="lazy"/>
                        <div class="material-info">
                            <strong>{move || lang.get().pick(format!("顺序号 {}", m.seq_no), format!("Seq. no. {}", m.seq_no))}</strong>
                            <span class="muted">{format!("{} · {}×{} · {size}", m.original_name, m.width, m.height)}</span>
                        </div>
                        <div class="material-actions">
                            <button type="button" class="link-button" on:click=move |_| on_view.run(position)>{tr("查看", "View")}</button>
                            <Show
                                when=is_confirming.clone()
                                fallback={ let id = id.clone(); move || { let id = id.clone(); view! {
                                    <button type="button" class="link-button danger" on:click=move |_| confirming.set(Some(id.clone()))>{tr("删除", "Delete")}</button>
                                }}}
                            >
                                <span class="confirm">
                                    {tr("确定删除这张图片？", "Delete this image?")}
                                    <button type="button" class="button danger" on:click={ let id = id.clone(); move |_| { delete.dispatch(id.clone()); } }>
                                        {tr("确认删除", "Confirm delete")}
                                    </button>
                                    <button type="button" class="link-button" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                                </span>
                            </Show>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || delete.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
    }
    .into_any()
}

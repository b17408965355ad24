//! One picture large, with zoom and view-only rotation (nothing about the stored file changes);
//! a replaced picture shows its old file beside the new one.

use leptos::prelude::*;

use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::{tr, use_lang};
use crate::models::review::ReviewedMaterial;

/// Zoom steps, as a share of the stage's width.
pub const ZOOMS: [u32; 6] = [50, 75, 100, 150, 200, 300];

#[component]
pub fn MaterialViewer(
    reviewed: ReviewedMaterial,
    caption_zh: String,
    caption_en: String,
    /// Index into `ZOOMS`.
    zoom: RwSignal<usize>,
    /// Quarter turns clockwise.
    turns: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let style = move || {
        format!("width: {}%; transform: rotate({}deg);", ZOOMS[zoom.get().min(ZOOMS.len() - 1)], turns.get() % 4 * 90)
    };
    let material = reviewed.material.clone();
    let details = format!(
        "{}×{} · {} · ",
        material.width,
        material.height,
        crate::domain::byte_size::format_bytes(material.bytes, crate::domain::byte_size::Rounding::Up),
    );
    let uploaded_at = material.uploaded_at.clone();
    view! {
        <div class="picture-viewer">
            <p class="viewer-caption" data-testid="viewer-caption">{move || lang.get().pick(caption_zh.clone(), caption_en.clone())}" · "{details}<ChinaTimeText at=uploaded_at/></p>
            // Zoomed in, the stage scrolls: it takes focus so the keyboard can scroll it too.
            <div class="viewer-stage" class:side-by-side=reviewed.previous.is_some() tabindex="0" role="group"
                aria-label=tr("图片（放大后可滚动）", "The picture (scrolls when zoomed)")>
                {reviewed.previous.clone().map(|previous| view! {
                    <figure class="viewer-old">
                        <figcaption>{move || lang.get().pick(format!("更换前（{}）", previous.uploaded_at.zh()), format!("Before replacement ({})", previous.uploaded_at.en()))}</figcaption>
                        <img src=previous.url.clone() alt=tr("更换前的图片", "The picture before replacement") style=style/>
                    </figure>
                })}
                <figure class="viewer-current">
                    {reviewed.previous.is_some().then(|| view! { <figcaption>{tr("更换后", "After replacement")}</figcaption> })}
                    <img src=material.file_url() alt=material.original_name.clone() style=style/>
                </figure>
            </div>
            <p class="viewer-tools">
                <button type="button" class="link-button" on:click=move |_| zoom.update(|z| *z = z.saturating_sub(1))>{tr("缩小 −", "Zoom out −")}</button>
                <span data-testid="zoom">{move || format!("{}%", ZOOMS[zoom.get().min(ZOOMS.len() - 1)])}</span>
                <button type="button" class="link-button" on:click=move |_| zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1))>{tr("放大 +", "Zoom in +")}</button>
                <button type="button" class="link-button" on:click=move |_| turns.update(|t| *t += 1)>{tr("旋转 R（仅查看）", "Rotate R (view only)")}</button>
            </p>
        </div>
    }
    .into_any()
}

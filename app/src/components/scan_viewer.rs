//! A row's scans large over the page, for the branch's clerk holding the original beside them:
//! zoom by the reviewer's steps (`material_viewer::ZOOMS`); zoomed in, the stage scrolls (arrows,
//! wheel, or dragging it); ← and → page through the row's scans at the page's width. Esc or 关闭
//! gives the focus back to what had it (the row's box, or the thumbnail clicked), so the keyboard
//! carries on where it was. Not the candidate's `Lightbox`: reading a number off a scan needs the
//! zoom, and the candidate's module has no room for it (this one lives in the staff's chunk).

use leptos::prelude::*;

use crate::components::review::material_viewer::ZOOMS;
use crate::i18n::{tr, use_lang};

/// The scans of one original, and the one on show.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownScan {
    pub urls: Vec<String>,
    pub at: usize,
    /// The original's name.
    pub name_zh: String,
    pub name_en: String,
}

/// 100 %: the page's width fills the stage.
const FIT: usize = 2;

#[component]
pub fn ScanViewer(shown: RwSignal<Option<ShownScan>>) -> impl IntoView {
    let lang = use_lang();
    let zoom = RwSignal::new(FIT);
    let stage = NodeRef::<leptos::html::Div>::new();
    let dragging = StoredValue::new(None::<(i32, i32, i32, i32)>);
    let focused_before = StoredValue::new_local(None::<leptos::web_sys::HtmlElement>);
    let close = move || {
        shown.set(None);
        zoom.set(FIT);
        if let Some(element) = focused_before.get_value() {
            let _ = element.focus();
        }
    };
    // Opened: the stage takes the focus (so arrows scroll it and Esc reaches the viewer), after
    // noting what had it.
    Effect::new(move |was_open: Option<bool>| {
        let open = shown.with(Option::is_some);
        if open && was_open != Some(true) {
            use leptos::wasm_bindgen::JsCast;
            let before = document().active_element().and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok());
            focused_before.set_value(before);
        }
        if let (true, Some(stage)) = (open, stage.get()) {
            let _ = stage.focus();
        }
        open
    });
    let page = move |delta: isize| {
        shown.update(|scan| {
            if let Some(scan) = scan {
                let count = scan.urls.len().max(1) as isize;
                scan.at = (scan.at as isize + delta).rem_euclid(count) as usize;
            }
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "+" | "=" => zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1)),
        "-" => zoom.update(|z| *z = z.saturating_sub(1)),
        // Zoomed in, the arrows scroll the stage instead.
        "ArrowLeft" if zoom.get_untracked() <= FIT => page(-1),
        "ArrowRight" if zoom.get_untracked() <= FIT => page(1),
        _ => {}
    };
    let drag_start = move |ev: leptos::ev::PointerEvent| {
        if let Some(stage) = stage.get_untracked() {
            dragging.set_value(Some((ev.client_x(), ev.client_y(), stage.scroll_left(), stage.scroll_top())));
        }
    };
    let drag = move |ev: leptos::ev::PointerEvent| {
        if let (Some((x, y, left, top)), Some(stage)) = (dragging.get_value(), stage.get_untracked()) {
            stage.set_scroll_left(left - (ev.client_x() - x));
            stage.set_scroll_top(top - (ev.client_y() - y));
        }
    };
    let drag_end = move |_| dragging.set_value(None);
    move || {
        shown.get().map(|scan| {
            let (n, count) = (scan.at + 1, scan.urls.len());
            let zh = format!("{} · 扫描件 {n} / {count}", scan.name_zh);
            let en = format!("{} · scan {n} of {count}", scan.name_en);
            let url = scan.urls.get(scan.at).cloned().unwrap_or_default();
            view! {
                <div class="lightbox scan-viewer" role="dialog" aria-modal="true" aria-labelledby="scan-viewer-caption" on:keydown=on_key>
                    <p class="lightbox-bar">
                        <span id="scan-viewer-caption" data-testid="scan-viewer-caption">{move || lang.get().pick(zh.clone(), en.clone())}</span>
                        {(count > 1).then(|| view! {
                            <button type="button" class="link-button" on:click=move |_| page(-1)>{tr("← 上一张", "← Previous")}</button>
                            <button type="button" class="link-button" on:click=move |_| page(1)>{tr("下一张 →", "Next →")}</button>
                        })}
                        <button type="button" class="link-button" on:click=move |_| zoom.update(|z| *z = z.saturating_sub(1))>{tr("缩小 −", "Zoom out −")}</button>
                        <span data-testid="scan-zoom">{move || format!("{}%", ZOOMS[zoom.get()])}</span>
                        <button type="button" class="link-button" on:click=move |_| zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1))>{tr("放大 +", "Zoom in +")}</button>
                        <button type="button" class="link-button" on:click=move |_| close()>{tr("关闭（Esc）", "Close (Esc)")}</button>
                    </p>
                    <div node_ref=stage class="scan-viewer-stage" tabindex="0" role="group"
                        aria-label=tr("扫描件（放大后可拖动或用方向键移动）", "The scan (drag it or use the arrows when zoomed)")
                        on:pointerdown=drag_start on:pointermove=drag on:pointerup=drag_end on:pointerleave=drag_end>
                        <img src=url alt=tr("扫描件", "Scan") draggable="false"
                            style=move || format!("width: {}%;", ZOOMS[zoom.get()])/>
                    </div>
                </div>
            }
        })
    }
}

//! One listed original on the branch's on-site check: its two boxes (原件已核, 已收取 for what the branch
//! keeps), its name with what it may stand in for, 留存 or 带回, and the candidate's scans of it as
//! thumbnails. The boxes are the row's stops for Tab; V anywhere in the row, or a click on a
//! thumbnail, shows the scans large (`scan_viewer`).

use leptos::prelude::*;

use crate::components::scan_viewer::ShownScan;
use crate::i18n::{tr, use_lang};
use crate::models::on_site::OnSiteItem;

#[component]
pub fn OnSiteItemRow(
    item: OnSiteItem,
    seen: RwSignal<Vec<String>>,
    received: RwSignal<Vec<String>>,
    toggle: impl Fn(RwSignal<Vec<String>>, String) + Copy + 'static,
    /// The outcome is recorded: the boxes no longer change.
    decided: Signal<bool>,
    viewer: RwSignal<Option<ShownScan>>,
) -> impl IntoView {
    let lang = use_lang();
    let OnSiteItem { code, name_zh, name_en, count, kept, required, stands_in_for, scans, issued, .. } = item;
    let (received_code, is_seen, is_received, row_code) = (code.clone(), code.clone(), code.clone(), code.clone());
    let (seen_zh, seen_en, got_zh, got_en) = (name_zh.clone(), name_en.clone(), name_zh.clone(), name_en.clone());
    let star = if required { "*" } else { "" };
    let shown_name = (name_zh.clone(), name_en.clone());
    let total = scans.len();
    let shown = {
        let urls = scans.clone();
        move |at: usize| ShownScan { urls: urls.clone(), at, name_zh: name_zh.clone(), name_en: name_en.clone() }
    };
    let first = (total > 0).then(|| shown(0));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key());
        if plain && ev.key().eq_ignore_ascii_case("v") {
            if let Some(scan) = first.clone() {
                ev.prevent_default();
                viewer.set(Some(scan));
            }
        }
    };
    let thumbnails = scans
        .into_iter()
        .enumerate()
        .map(|(at, url)| {
            let scan = shown(at);
            let (zh, en) = (shown_name.0.clone(), shown_name.1.clone());
            let n = at + 1;
            view! {
                <button type="button" class="scan-thumb" tabindex="-1"
                    aria-label=move || lang.get().pick(format!("查看{zh}扫描件 {n} / {total}"), format!("Show {en}, scan {n} of {total}"))
                    on:click=move |_| viewer.set(Some(scan.clone()))>
                    <img src=url alt="" loading="lazy" decoding="async"/>
                </button>
            }
        })
        .collect_view();
    view! {
        <tr data-item=row_code on:keydown=on_key>
            <td><input type="checkbox" name=format!("seen-{code}") disabled=decided
                aria-label=move || lang.get().pick(format!("原件已核：{seen_zh}"), format!("Seen: {seen_en}"))
                prop:checked=move || seen.with(|s| s.contains(&is_seen))
                on:change=move |_| toggle(seen, code.clone())/></td>
            <td>{kept.then(|| view! {
                <input type="checkbox" name=format!("received-{}", received_code) disabled=decided
                    aria-label=move || lang.get().pick(format!("已收取：{got_zh}"), format!("Received: {got_en}"))
                    prop:checked=move || received.with(|r| r.contains(&is_received))
                    on:change=move |_| toggle(received, received_code.clone())/>
            })}</td>
            <td class="on-site-item-name">
                {move || lang.get().pick(format!("{star}{} × {count}", shown_name.0), format!("{star}{} × {count}", shown_name.1))}
                {stands_in_for.map(|(zh, en)| view! { <br/><small class="muted">{move || lang.get().pick(format!("可代替：{zh}"), format!("May stand in for: {en}"))}</small> })}
            </td>
            <td>{if kept { tr("留存", "Kept") } else { tr("带回", "Taken back") }}</td>
            <td class="on-site-scans">
                {thumbnails}
                {issued.map(|(zh, en)| view! { <small class="muted" data-testid="on-site-issued">{move || lang.get().pick(zh.clone(), en.clone())}</small> })}
            </td>
        </tr>
    }
}

//! The pictures already uploaded to one category: thumbnail, sequence number (or slot name), size,
//! 已锁定 when locked, and — while the application is editable — view, reorder (drag, the ↑ ↓
//! buttons, or Alt+↑/↓ on a focused row) and delete. Deletes and reorders go through the page's
//! pending queue like uploads, so one made offline waits on the device and is sent in order.

use leptos::prelude::*;

use crate::components::pending_queue::PendingQueue;
use crate::components::upload_form::UploadForm;
use crate::domain::byte_size::{format_bytes, Rounding};
use crate::domain::record_ids::MaterialId;
use crate::domain::CategoryDefinition;
use crate::i18n::{tr, use_lang};
use crate::models::candidate::MaterialView;
use crate::offline::pending_action::PendingKind;

#[component]
pub fn MaterialList(
    category: CategoryDefinition,
    materials: Vec<MaterialView>,
    editable: bool,
    /// Returned for revision: flagged, unlocked pictures offer a replacement.
    #[prop(optional)]
    revising: bool,
    on_view: Callback<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let queue = expect_context::<PendingQueue>();
    let confirming = RwSignal::new(None::<MaterialId>);
    let dragging = RwSignal::new(None::<usize>);
    let ids: Vec<MaterialId> = materials.iter().map(|m| m.id.clone()).collect();
    let all_taken: Vec<u32> = materials.iter().map(|m| m.seq_no).collect();
    let count = materials.len();
    // Kept in a StoredValue so the handlers below stay `Copy`.
    let category_code = StoredValue::new(category.code.clone());
    let delete = move |id: MaterialId, seq_no: u32| {
        confirming.set(None);
        queue.enqueue(PendingKind::Delete { category: category_code.get_value(), material_id: id, seq_no }, None);
    };
    let ids = StoredValue::new(ids);
    // Moves the picture at `from` to `to` and sends the whole new order.
    let move_to = move |from: usize, to: usize| {
        if from == to || to >= count {
            return;
        }
        let mut order = ids.get_value();
        let id = order.remove(from);
        order.insert(to, id);
        queue.enqueue(PendingKind::Reorder { category: category_code.get_value(), ordered_ids: order }, None);
    };
    let reorderable = editable && count > 1;
    let (tab_index, draggable) = if reorderable { ("0", "true") } else { ("-1", "false") };

    view! {
        <ul class="materials">
            {materials.into_iter().enumerate().map(|(position, m)| {
                let id = m.id.clone();
                let is_confirming = { let id = id.clone(); move || confirming.get().as_ref() == Some(&id) };
                let size = format_bytes(m.bytes, Rounding::Up);
                let slot = category.slot(m.seq_no).cloned();
                let title = move || {
                    let base = lang.get().pick(format!("顺序号 {}", m.seq_no), format!("Seq. no. {}", m.seq_no));
                    match &slot {
                        Some(s) => format!("{base} · {}", lang.get().pick(&s.name_zh, &s.name_en)),
                        None => base,
                    }
                };
                let seq_no = m.seq_no;
                let delete_waits = { let id = id.clone(); move || queue.delete_waits(&id) };
                let can_change = editable && !m.locked;
                let replaceable = revising && !m.locked && m.flag.is_some();
                let flag = m.flag.clone().filter(|_| !m.locked);
                let needs_replacement = flag.is_some();
                let replacement = replaceable.then(|| view! {
                    <UploadForm category=category.clone() taken=all_taken.clone() next_seq_no=m.seq_no replaces=id.clone()/>
                });
                view! {
                    <li
                        class="material"
                        class:needs-replacement=needs_replacement
                        data-seq=m.seq_no
                        tabindex=tab_index
                        draggable=draggable
                        on:dragstart=move |_| dragging.set(Some(position))
                        on:dragover=move |ev| { if reorderable { ev.prevent_default() } }
                        on:drop=move |ev| {
                            ev.prevent_default();
                            if let Some(from) = dragging.get_untracked() { move_to(from, position) }
                            dragging.set(None);
                        }
                        on:keydown=move |ev| {
                            if reorderable && ev.alt_key() {
                                match ev.key().as_str() {
                                    "ArrowUp" if position > 0 => { ev.prevent_default(); move_to(position, position - 1) }
                                    "ArrowDown" => { ev.prevent_default(); move_to(position, position + 1) }
                                    _ => {}
                                }
                            }
                        }
                    >
                        <img class="thumb" src=m.thumb_url() alt=m.original_name.clone() loading="lazy"/>
                        <div class="material-info">
                            <strong>{title}</strong>
                            <span class="muted">{format!("{} · {}×{} · {size}", m.original_name, m.width, m.height)}</span>
                            {m.locked.then(|| view! { <span class="badge locked">{tr("已锁定", "Locked")}</span> })}
                            {let waits = delete_waits.clone(); move || waits().then(|| view! { <span class="badge pending">{tr("待删除", "To be deleted")}</span> })}
                            {flag.map(|f| view! {
                                <span class="flag-note" data-testid="needs-replacement">
                                    {move || lang.get().pick(format!("需更换：{}", f.text_zh()), format!("Replace: {}", f.text_en()))}
                                </span>
                            })}
                            {replacement}
                        </div>
                        <div class="material-actions">
                            <button type="button" class="link-button" on:click=move |_| on_view.run(position)>{tr("查看", "View")}</button>
                            {reorderable.then(|| view! {
                                <button type="button" class="link-button" aria-label=tr("上移", "Move up") disabled=position == 0 on:click=move |_| move_to(position, position.saturating_sub(1))>"↑"</button>
                                <button type="button" class="link-button" aria-label=tr("下移", "Move down") disabled=position + 1 == count on:click=move |_| move_to(position, position + 1)>"↓"</button>
                            })}
                            {can_change.then(|| {
                                let is_confirming = is_confirming.clone();
                                // A delete already waiting in the pending queue leaves nothing to press.
                                move || match (delete_waits(), is_confirming()) {
                                    (true, _) => ().into_any(),
                                    (false, false) => { let id = id.clone(); view! {
                                        <button type="button" class="link-button danger" on:click=move |_| confirming.set(Some(id.clone()))>{tr("删除", "Delete")}</button>
                                    }.into_any() }
                                    (false, true) => { let id = id.clone(); view! {
                                        <span class="confirm">
                                            {tr("确定删除这张图片？", "Delete this picture?")}
                                            <button type="button" class="button danger" on:click=move |_| delete(id.clone(), seq_no)>
                                                {tr("确认删除", "Confirm delete")}
                                            </button>
                                            <button type="button" class="link-button" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                                        </span>
                                    }.into_any() }
                                }
                            })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        {reorderable.then(|| view! {
            <p class="muted reorder-hint">{tr("可拖动图片调整顺序，或用 ↑ ↓ 按钮（键盘：选中后按 Alt+↑/↓）。", "Drag pictures to reorder, or use the ↑ ↓ buttons (keyboard: focus a row and press Alt+↑/↓).")}</p>
        })}
    }
    .into_any()
}

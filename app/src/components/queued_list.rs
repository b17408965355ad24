//! What of a category still waits on the device: each upload as 待上传 with its thumbnail (or
//! 正在上传 with how far it is), a delete or a reorder as 待发送, and a refusal the server gave,
//! with its reason, until the candidate removes it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::{preview_url, revoke_preview};
use crate::components::error_note::ErrorNote;
use crate::components::pending_queue::{PendingQueue, QueuedItem};
use crate::components::violation_list::ViolationList;
use crate::domain::byte_size::{format_bytes, Rounding};
use crate::domain::decimal_text::whole_text;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::offline::pending_action::PendingKind;

#[component]
pub fn QueuedList(category: String) -> impl IntoView {
    let queue = expect_context::<PendingQueue>();
    let items = Memo::new(move |_| queue.in_category(&category));
    view! {
        <Show when=move || !items.with(Vec::is_empty)>
            <ul class="materials" data-testid="queued-list">
                <For each=move || items.get() key=|item| (item.action.key.clone(), item.action.refusal.is_some(), item.problem.clone().map(|p| p.message_en())) let:item>
                    <QueuedRow item queue/>
                </For>
            </ul>
        </Show>
    }
    .into_any()
}

#[component]
fn QueuedRow(item: QueuedItem, queue: PendingQueue) -> impl IntoView {
    let lang = use_lang();
    let key = item.action.key.clone();
    let refusal = item.action.refusal.clone();
    let refused = refusal.is_some();
    let (what_zh, what_en) = match &item.action.kind {
        PendingKind::Upload { seq_no, file_name, byte_len, .. } => {
            let size = format_bytes(*byte_len, Rounding::Up);
            (format!("顺序号 {seq_no} · {file_name} · {size}"), format!("Seq. no. {seq_no} · {file_name} · {size}"))
        }
        PendingKind::Delete { seq_no, .. } => {
            (format!("删除顺序号 {seq_no} 的图片"), format!("Delete the picture no. {seq_no}"))
        }
        PendingKind::Reorder { .. } => {
            ("调整本类图片的顺序".to_string(), "Reorder this category's pictures".to_string())
        }
    };
    let thumbnail =
        item.bytes.as_ref().filter(|_| matches!(item.action.kind, PendingKind::Upload { .. })).and_then(thumbnail);
    let progress_key = key.clone();
    let progress = move || queue.sending.get().filter(|(k, _)| *k == progress_key).map(|(_, p)| p);
    let state = {
        let progress = progress.clone();
        move || match (refused, progress()) {
            (true, _) => lang.get().pick("未被服务器接受", "Not accepted by the server").to_string(),
            (false, Some(p)) => lang
                .get()
                .pick(format!("正在发送 {}%", whole_text(p * 100.0)), format!("Sending {}%", whole_text(p * 100.0))),
            (false, None) => match item.action.kind {
                PendingKind::Upload { .. } => {
                    lang.get().pick("待上传（已保存在本机）", "Waiting to upload (kept on this device)").to_string()
                }
                _ => lang.get().pick("待发送（已保存在本机）", "Waiting to be sent (kept on this device)").to_string(),
            },
        }
    };
    let problem = item.problem.clone().map(|p| {
        let (zh, en) = (p.message_zh(), p.message_en());
        view! { <span class="muted">{move || lang.get().pick(format!("上次未发送成功：{zh}"), format!("Last try did not go through: {en}"))}</span> }
    });
    let reason = refusal.map(|error| match error {
        AppError::FileRefused { violations } => view! { <ViolationList violations/> }.into_any(),
        error => view! { <ErrorNote error/> }.into_any(),
    });
    let remove_label = if refused { tr("移除", "Remove") } else { tr("取消发送", "Cancel") };
    view! {
        <li class="queued-item" class:refused=refused data-testid="queued-item">
            {thumbnail.unwrap_or_else(|| view! { <span class="thumb pending-mark" aria-hidden="true">"⋯"</span> }.into_any())}
            <div class="material-info">
                <strong>{move || lang.get().pick(what_zh.clone(), what_en.clone())}</strong>
                <span class="badge pending" data-testid="queued-state">{state}</span>
                {move || progress().map(|p| view! {
                    <progress class="upload-progress" max="100" value=whole_text(p * 100.0)>{format!("{}%", whole_text(p * 100.0))}</progress>
                })}
                {problem}
                {reason}
            </div>
            <div class="material-actions">
                <button type="button" class="link-button" on:click=move |_| queue.dismiss(key.clone())>{remove_label}</button>
            </div>
        </li>
    }
    .into_any()
}

/// The waiting picture itself, from its bytes on the device (no server copy exists yet).
fn thumbnail(bytes: &Arc<Vec<u8>>) -> Option<AnyView> {
    let url = preview_url(bytes)?;
    let revoked = url.clone();
    on_cleanup(move || revoke_preview(&revoked));
    Some(view! { <img class="thumb" src=url alt=tr("待上传的图片", "Picture waiting to upload")/> }.into_any())
}

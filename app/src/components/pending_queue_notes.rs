//! Said beside the countdown while anything waits on the device: how many actions, and that the
//! window closes for them too; and, when the browser will not promise to keep the queue (or
//! cannot keep it at all), that it may be lost.

use leptos::prelude::*;

use crate::components::pending_queue::PendingQueue;
use crate::i18n::{tr, use_lang};
use crate::offline::pending_action::waiting_warning;

#[component]
pub fn PendingQueueNotes(
    /// The window is still open (after it, the refusals themselves say so).
    before_deadline: bool,
) -> impl IntoView {
    let queue = expect_context::<PendingQueue>();
    let lang = use_lang();
    let waiting = Memo::new(move |_| queue.waiting());
    let something_kept = move || !queue.items.with(Vec::is_empty);
    view! {
        {move || waiting_warning(waiting.get()).filter(|_| before_deadline).map(|(zh, en)| view! {
            <p class="notice warn" role="status" data-testid="queue-warning">{move || lang.get().pick(zh.clone(), en.clone())}</p>
        })}
        {move || (something_kept() && queue.device_failed.get()).then(|| view! {
            <p class="notice warn" role="status" data-testid="device-storage-note">{tr(
                "此浏览器不允许本网站在本机保存数据（无痕模式？）：待发送的材料只在本页打开时保留，请联网后再关闭页面。",
                "This browser does not let the site keep data on the device (private browsing?): waiting items last only while this page is open; get online before closing it.",
            )}</p>
        })}
        {move || (something_kept() && queue.persist_refused.get() && !queue.device_failed.get()).then(|| view! {
            <p class="muted" data-testid="device-storage-note">{tr(
                "本设备未同意长期保存本网站的数据：存储空间紧张时，浏览器可能清除尚未发送的材料，请尽快联网发送。",
                "This device did not agree to keep the site's data for long: if storage runs short the browser may clear items not yet sent, so get online soon.",
            )}</p>
        })}
    }
    .into_any()
}

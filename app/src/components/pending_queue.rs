//! The exam page's pending queue (issue 11): every upload, delete and reorder is first kept on the device
//! with its key, then sent in order whenever the network allows — at once, when the network comes
//! back (`online`), when the page is seen again (`visibilitychange`), and on a backoff timer — by
//! one tab at a time. The page shows what waits in its category (待上传, 待删除…) and a refusal
//! stays shown until the candidate dismisses it. Owned by the page, so a reload of the page's data
//! (after every sent action) keeps it. Its decisions (what goes next, what an answer does, how
//! the device's records and the page's items meet) are `offline::pending_queue`; this is the
//! signals, the device and the network around them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::{
    ask_to_persist, device_may_hold_records, forget_action, is_online, keep_action, new_action_key, now_millis,
    run_alone,
};
use crate::components::pending_queue_io::{read_device_queue, send_action};
use crate::domain::record_ids::{ExamCode, MaterialId};
use crate::offline::pending_action::{backoff_secs, read_answer, PendingAction, PendingKind};
use crate::offline::pending_queue::{self, after_answer, merge_with_device, next_waiting, NextStep};

pub use crate::offline::pending_queue::QueuedItem;

#[derive(Clone, Copy)]
pub struct PendingQueue {
    /// ("account:exam", exam code) once the page knows whose queue this is.
    owner: StoredValue<Option<(String, ExamCode)>>,
    pub items: RwSignal<Vec<QueuedItem>>,
    /// The action being sent and how far its bytes are.
    pub sending: RwSignal<Option<(String, f64)>>,
    /// The browser would not promise to keep the queue, or cannot keep it at all.
    pub persist_refused: RwSignal<bool>,
    pub device_failed: RwSignal<bool>,
    failures: StoredValue<u32>,
    pumping: StoredValue<bool>,
    on_sent: StoredValue<Option<Callback<()>>>,
}

impl PendingQueue {
    pub fn new() -> Self {
        PendingQueue {
            owner: StoredValue::new(None),
            items: RwSignal::new(Vec::new()),
            sending: RwSignal::new(None),
            persist_refused: RwSignal::new(false),
            device_failed: RwSignal::new(false),
            failures: StoredValue::new(0),
            pumping: StoredValue::new(false),
            on_sent: StoredValue::new(None),
        }
    }

    /// Begins once per page: reads what this device kept, asks to keep storage, and sends.
    pub fn start(self, owner: String, exam_code: ExamCode, on_sent: Callback<()>) {
        if self.owner.get_value().is_some() {
            return;
        }
        self.owner.set_value(Some((owner, exam_code)));
        self.on_sent.set_value(Some(on_sent));
        leptos::task::spawn_local(async move {
            if ask_to_persist().await == Some(false) {
                let _ = self.persist_refused.try_set(true);
            }
            self.pump();
        });
    }

    /// How many actions still wait to be sent (refused ones are not waiting).
    pub fn waiting(self) -> usize {
        self.items.with(|items| items.iter().filter(|i| i.action.waiting()).count())
    }

    pub fn in_category(self, category: &str) -> Vec<QueuedItem> {
        self.items.with(|items| items.iter().filter(|i| i.action.category() == category).cloned().collect())
    }

    /// Places (sequence numbers) that waiting uploads will fill; a replacement keeps its picture's.
    pub fn queued_places(self, category: &str) -> Vec<u32> {
        self.items.with(|items| pending_queue::queued_places(items, category))
    }

    /// A stored picture with a delete waiting for it.
    pub fn delete_waits(self, material_id: &MaterialId) -> bool {
        self.items.with(|items| pending_queue::delete_waits(items, material_id))
    }

    /// Keeps a new action on the device (with its bytes), shows it, and sends the queue.
    pub fn enqueue(self, kind: PendingKind, bytes: Option<Arc<Vec<u8>>>) {
        let Some((owner, exam_code)) = self.owner.get_value() else { return };
        let now = u64::try_from(now_millis()).unwrap_or(0);
        let order = self.items.with_untracked(|items| pending_queue::next_order(items, now));
        let action = PendingAction { key: new_action_key(), owner, exam_code, order, kind, refusal: None };
        self.items
            .update(|items| items.push(QueuedItem { action: action.clone(), bytes: bytes.clone(), problem: None }));
        leptos::task::spawn_local(async move {
            if keep_action(&action, bytes).await.is_err() {
                let _ = self.device_failed.try_set(true);
            }
            self.failures.set_value(0);
            self.pump();
        });
    }

    /// The network came back or the page is seen again: send now, not at the backoff's end.
    pub fn network_back(self) {
        if self.owner.try_get_value().flatten().is_some() {
            self.failures.set_value(0);
            self.pump();
        }
    }

    /// Forgets a refused (or still waiting) action at the candidate's word.
    pub fn dismiss(self, key: String) {
        self.remove(&key);
        leptos::task::spawn_local(async move {
            let _ = forget_action(&key).await;
        });
    }

    /// Sends what waits, in order, under the one-sender lock; stops at the first try that does
    /// not go through and tries again later.
    pub fn pump(self) {
        let Some((owner, _)) = self.owner.get_value() else { return };
        if self.pumping.get_value() {
            return;
        }
        self.pumping.set_value(true);
        leptos::task::spawn_local(async move {
            // Nothing held and nothing on the device: nothing to send, and no sending code to fetch.
            if self.items.try_with_untracked(Vec::is_empty).unwrap_or(true) && !device_may_hold_records().await {
                let _ = self.pumping.try_set_value(false);
                return;
            }
            let round = run_alone(&format!("zige-pending-queue:{owner}"), move || self.send_in_order_when_here()).await;
            let _ = self.pumping.try_set_value(false);
            let Some((sent_any, retry_after)) = round else {
                // Another tab is sending this queue: look again shortly and show what it left.
                self.later(3);
                return;
            };
            if sent_any {
                if let Some(Some(on_sent)) = self.on_sent.try_get_value() {
                    on_sent.run(());
                }
            }
            if retry_after > 0 {
                self.later(retry_after);
            }
        });
    }

    fn later(self, secs: u64) {
        set_timeout(
            move || {
                if self.owner.try_get_value().flatten().is_some() {
                    self.pump();
                }
            },
            std::time::Duration::from_secs(secs),
        );
    }

    /// [`Self::send_in_order`], whose code is the chunk of the device's records (it runs only
    /// where the device holds records); when the chunk cannot be fetched, the round fails as an
    /// unreachable server's does.
    async fn send_in_order_when_here(self) -> (bool, u64) {
        #[cfg(feature = "hydrate")]
        {
            match in_chunk::send_in_order(self).await {
                Ok(round) => round.await,
                Err(_) => (false, backoff_secs(self.failures.try_get_value().unwrap_or(0))),
            }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            self.send_in_order().await
        }
    }

    /// Returns whether anything reached the server, and the seconds to wait before the next
    /// round (0 when nothing waits).
    async fn send_in_order(self) -> (bool, u64) {
        let mut sent_any = false;
        loop {
            // An action gone from the device was sent by another tab: the page's data changed too.
            sent_any |= self.reload().await;
            let Some(next) = self.items.try_with_untracked(|items| next_waiting(items).cloned()).flatten() else {
                return (sent_any, 0);
            };
            if !is_online() {
                return (sent_any, backoff_secs(self.failures.get_value()));
            }
            let answer =
                read_answer(self.send(&next).await.as_ref().ok().map(|(status, body)| (*status, body.as_slice())));
            let _ = self.sending.try_set(None);
            match after_answer(answer, self.failures.get_value()) {
                NextStep::Forget => {
                    let _ = forget_action(&next.action.key).await;
                    self.remove(&next.action.key);
                    self.failures.set_value(0);
                    sent_any = true;
                }
                NextStep::KeepRefused(error) => {
                    let mut refused = next.action.clone();
                    refused.refusal = Some(error);
                    let _ = keep_action(&refused, next.bytes.clone()).await;
                    self.replace(QueuedItem { action: refused, bytes: next.bytes.clone(), problem: None });
                    // Refused now, it stays shown; what the server answered may have changed the page.
                    sent_any = true;
                }
                NextStep::StopFor { after_secs, because } => {
                    self.replace(QueuedItem { problem: because, ..next });
                    self.failures.update_value(|failures| *failures += 1);
                    return (sent_any, after_secs);
                }
            }
        }
    }

    async fn send(self, item: &QueuedItem) -> Result<(u16, Vec<u8>), String> {
        let key = item.action.key.clone();
        let _ = self.sending.try_set(Some((key.clone(), 0.0)));
        let sending = self.sending;
        send_action(item, move |progress| {
            let _ = sending.try_set(Some((key.clone(), progress)));
        })
        .await
    }

    /// Takes the device's records as the truth (another tab may have sent or added some); when
    /// the device cannot be read, what the page holds stands. Says whether an action the page
    /// showed is gone (another tab sent it). A picture the page holds already is not read again:
    /// this runs before every send.
    async fn reload(self) -> bool {
        let Some(Some((owner, _))) = self.owner.try_get_value() else { return false };
        if self.device_failed.try_get_untracked().unwrap_or(true) {
            return false;
        }
        let Some(held) = self.items.try_with_untracked(|items| items.clone()) else { return false };
        let Some(from_device) = read_device_queue(&owner, &held).await else { return false };
        let mut gone = false;
        let _ = self.items.try_update(|items| {
            let (merged, any_gone) = merge_with_device(&held, from_device, items);
            *items = merged;
            gone = any_gone;
        });
        gone
    }

    fn remove(self, key: &str) {
        let _ = self.items.try_update(|items| items.retain(|i| i.action.key != key));
    }

    fn replace(self, item: QueuedItem) {
        let _ = self.items.try_update(|items| {
            if let Some(slot) = items.iter_mut().find(|i| i.action.key == item.action.key) {
                *slot = item;
            }
        });
    }
}

#[cfg(feature = "hydrate")]
mod in_chunk {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::SplitLoaderError;

    use super::PendingQueue;

    /// Whether anything reached the server, and the seconds before the next round.
    type Round = Pin<Box<dyn Future<Output = (bool, u64)>>>;

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn send_in_order(queue: PendingQueue) -> Result<Round, SplitLoaderError> {
        Ok(Box::pin(queue.send_in_order()))
    }
}

impl Default for PendingQueue {
    fn default() -> Self {
        Self::new()
    }
}

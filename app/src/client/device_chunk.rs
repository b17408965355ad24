//! The device's store (`device_store`, `device_pending_queue`: IndexedDB through `idb`) as two chunks
//! of its own, so the candidate's first load carries neither (issue 69; `docs/benchmarks.md`, "The
//! candidate's first load"):
//! - `device_store`, what keeps: a draft, an action and its picture written. The exam pages where
//!   the candidate can still type or upload fetch it as soon as they are live
//!   ([`fetch_device_store_when_live`], as the judging chunk is fetched), so a network that drops
//!   right after the page opened still finds the typing and the queue kept.
//! - `device_records`, what works on what was kept: the reads, the forgets, the pending queue's
//!   sending round (`components::pending_queue`) and the choice between two drafts
//!   (`components::draft_choice`). A page fetches it only when the device holds records: a device
//!   that never kept anything has no Zige database, and reading nothing needs no code. The pages
//!   that keep records fetch it for the offline copy too, after the first load.
//!
//! When a chunk cannot be fetched (offline, never fetched), a write fails as a full device's does
//! (the page says the device cannot keep it), the queue's read fails as an unreadable device's
//! (what the page holds stands), and a draft's read finds none.

use std::sync::Arc;

use leptos::prelude::Effect;

use super::device_pending_queue::KeptAction;
use super::device_store::DATABASE;
use crate::client::DeviceStoreError;
use crate::offline::device_draft::DeviceDraft;
use crate::offline::pending_action::PendingAction;

/// Fetches the keeping chunk once the page is live, and the records' chunk for the offline copy
/// after the first load. Called by the parts of the exam page that keep records (the upload
/// forms, the personal form's draft); each loader fetches once per page.
pub fn fetch_device_store_when_live() {
    Effect::new(|_| {
        leptos::task::spawn_local(async {
            let _ = keeping::preload().await;
        })
    });
    super::keep_for_offline(|| {
        Box::pin(async {
            let _ = records::preload().await;
        })
    });
}

/// Writes `action` (and an upload's picture), replacing an earlier record under its key.
pub async fn keep_action(action: &PendingAction, bytes: Option<Arc<Vec<u8>>>) -> Result<(), DeviceStoreError> {
    match keeping::keep_action(action.clone(), bytes).await {
        Ok(keeping) => keeping.await,
        Err(_) => Err(DeviceStoreError),
    }
}

/// Every action of `owner`'s queue on this device, in the order they were made.
pub async fn kept_actions(owner: &str) -> Result<Vec<KeptAction>, DeviceStoreError> {
    if !device_may_hold_records().await {
        return Ok(Vec::new());
    }
    match records::kept_actions(owner.to_string()).await {
        Ok(reading) => reading.await,
        Err(_) => Err(DeviceStoreError),
    }
}

/// The picture kept for the action under `key`, if any.
pub async fn kept_bytes(key: &str) -> Option<Vec<u8>> {
    // Asked only for an action just read from the device, so the chunk is here already.
    records::kept_bytes(key.to_string()).await.ok()?.await
}

/// Removes the action under `key`.
pub async fn forget_action(key: &str) -> Result<(), DeviceStoreError> {
    if !device_may_hold_records().await {
        return Ok(());
    }
    match records::forget_action(key.to_string()).await {
        Ok(forgetting) => forgetting.await,
        Err(_) => Err(DeviceStoreError),
    }
}

/// The draft kept under `key`, if any.
pub async fn load_draft(key: &str) -> Option<DeviceDraft> {
    if !device_may_hold_records().await {
        return None;
    }
    records::load_draft(key.to_string()).await.ok()?.await
}

/// Keeps `draft` under `key`, replacing what was there.
pub async fn keep_draft(key: &str, draft: &DeviceDraft) -> Result<(), DeviceStoreError> {
    match keeping::keep_draft(key.to_string(), draft.clone()).await {
        Ok(keeping) => keeping.await,
        Err(_) => Err(DeviceStoreError),
    }
}

/// Forgets the draft under `key`.
pub async fn forget_draft(key: &str) {
    if !device_may_hold_records().await {
        return;
    }
    if let Ok(forgetting) = records::forget_draft(key.to_string()).await {
        forgetting.await;
    }
}

/// Whether this device may hold Zige's records: false only when the browser lists its databases
/// (`indexedDB.databases()`) and Zige's is not among them. A browser that cannot list them is
/// read as before. The reads and forgets ask it first because opening the database creates it:
/// a page that only looked would make every later page fetch the chunk. Called through
/// `Reflect`: web-sys has no binding for the list.
pub async fn device_may_hold_records() -> bool {
    use js_sys::{Array, Function, Promise, Reflect};
    use wasm_bindgen::JsCast;

    let listed = async {
        let window: wasm_bindgen::JsValue = web_sys::window()?.into();
        let factory = Reflect::get(&window, &"indexedDB".into()).ok().filter(|f| f.is_object())?;
        let databases = Reflect::get(&factory, &"databases".into()).ok()?.dyn_into::<Function>().ok()?;
        let promise = databases.call0(&factory).ok()?.dyn_into::<Promise>().ok()?;
        let list = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.dyn_into::<Array>().ok()?;
        Some(list.iter().any(|database| {
            Reflect::get(&database, &"name".into()).ok().and_then(|name| name.as_string()).as_deref() == Some(DATABASE)
        }))
    };
    listed.await.unwrap_or(true)
}

/// The keeping chunk's entries: each hands back the work as a future, run once the chunk is here.
mod keeping {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;

    use leptos::wasm_split::SplitLoaderError;

    use crate::client::device_pending_queue as queue;
    use crate::client::device_store as drafts;
    use crate::client::DeviceStoreError;
    use crate::offline::device_draft::DeviceDraft;
    use crate::offline::pending_action::PendingAction;

    type Work<T> = Pin<Box<dyn Future<Output = T>>>;

    #[leptos::wasm_split::wasm_split(device_store, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
    pub fn keep_action(
        action: PendingAction,
        bytes: Option<Arc<Vec<u8>>>,
    ) -> Result<Work<Result<(), DeviceStoreError>>, SplitLoaderError> {
        Ok(Box::pin(async move { queue::keep_action(&action, bytes.as_deref().map(Vec::as_slice)).await }))
    }

    #[leptos::wasm_split::wasm_split(device_store, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn keep_draft(key: String, draft: DeviceDraft) -> Result<Work<Result<(), DeviceStoreError>>, SplitLoaderError> {
        Ok(Box::pin(async move { drafts::keep_draft(&key, &draft).await }))
    }
}

/// The records' chunk's entries, as the keeping chunk's.
mod records {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::SplitLoaderError;

    use crate::client::device_pending_queue::{self as queue, KeptAction};
    use crate::client::device_store as drafts;
    use crate::client::DeviceStoreError;
    use crate::offline::device_draft::DeviceDraft;

    type Work<T> = Pin<Box<dyn Future<Output = T>>>;

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
    pub fn kept_actions(owner: String) -> Result<Work<Result<Vec<KeptAction>, DeviceStoreError>>, SplitLoaderError> {
        Ok(Box::pin(async move { queue::kept_actions(&owner).await }))
    }

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn kept_bytes(key: String) -> Result<Work<Option<Vec<u8>>>, SplitLoaderError> {
        Ok(Box::pin(async move { queue::kept_bytes(&key).await }))
    }

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn forget_action(key: String) -> Result<Work<Result<(), DeviceStoreError>>, SplitLoaderError> {
        Ok(Box::pin(async move { queue::forget_action(&key).await }))
    }

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn load_draft(key: String) -> Result<Work<Option<DeviceDraft>>, SplitLoaderError> {
        Ok(Box::pin(async move { drafts::load_draft(&key).await }))
    }

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn forget_draft(key: String) -> Result<Work<()>, SplitLoaderError> {
        Ok(Box::pin(async move { drafts::forget_draft(&key).await }))
    }
}

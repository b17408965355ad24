//! The outbox on the device (IndexedDB store "outbox"): each waiting action is one record holding
//! the action (JSON) and, for an upload, the judged picture's bytes, written in one put so the two
//! can never be found apart. Records are keyed by the action's own key.

use idb::TransactionMode;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::device_store::{open, text, OUTBOX};
use crate::domain::json_text::read_json;
use crate::domain::pending_action::PendingAction;

/// An action and its bytes, as read back from the device.
pub struct KeptAction {
    pub action: PendingAction,
    pub bytes: Option<Vec<u8>>,
}

/// Writes `action` (with its bytes, for an upload), replacing an earlier record under its key.
pub async fn keep_action(action: &PendingAction, bytes: Option<&[u8]>) -> Result<(), String> {
    let record = Object::new();
    let meta = serde_json::to_string(action).map_err(text)?;
    Reflect::set(&record, &"meta".into(), &JsValue::from_str(&meta)).map_err(|e| format!("{e:?}"))?;
    if let Some(bytes) = bytes {
        Reflect::set(&record, &"bytes".into(), &Uint8Array::from(bytes)).map_err(|e| format!("{e:?}"))?;
    }
    let database = open().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(text)?;
    let store = transaction.object_store(OUTBOX).map_err(text)?;
    store.put(&record, Some(&JsValue::from_str(&action.key))).map_err(text)?.await.map_err(text)?;
    transaction.commit().map_err(text)?.await.map_err(text)?;
    Ok(())
}

/// Every action of `owner`'s queue on this device, in the order they were made.
pub async fn kept_actions(owner: &str) -> Result<Vec<KeptAction>, String> {
    let database = open().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadOnly).map_err(text)?;
    let store = transaction.object_store(OUTBOX).map_err(text)?;
    let records = store.get_all(None, None).map_err(text)?.await.map_err(text)?;
    let mut kept: Vec<KeptAction> =
        records.iter().filter_map(read_record).filter(|k| k.action.owner == owner).collect();
    kept.sort_by_key(|k| k.action.order);
    Ok(kept)
}

/// A record that no longer reads as an action (an older shape) is skipped, not fatal.
fn read_record(record: &JsValue) -> Option<KeptAction> {
    let meta = Reflect::get(record, &"meta".into()).ok()?.as_string()?;
    let action = read_json(&meta).ok()?;
    let bytes = Reflect::get(record, &"bytes".into())
        .ok()
        .and_then(|value| value.dyn_into::<Uint8Array>().ok())
        .map(|array| array.to_vec());
    Some(KeptAction { action, bytes })
}

/// Removes the action under `key` (the server has it, or the candidate dismissed its refusal).
pub async fn forget_action(key: &str) -> Result<(), String> {
    let database = open().await?;
    let transaction = database.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(text)?;
    let store = transaction.object_store(OUTBOX).map_err(text)?;
    store.delete(JsValue::from_str(key)).map_err(text)?.await.map_err(text)?;
    transaction.commit().map_err(text)?.await.map_err(text)?;
    Ok(())
}

/// A fresh key for one action (a UUID from the browser's generator).
pub fn new_action_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64))
}

/// Asks the browser to keep this site's storage under pressure; `Some(false)` when it said no
/// (the page then says the queue may be cleared), `None` when it cannot be asked.
pub async fn ask_to_persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let granted = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?).await.ok()?;
    granted.as_bool()
}

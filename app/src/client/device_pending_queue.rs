//! The pending queue on the device (IndexedDB): each waiting action is one record in "outbox" (the
//! action, a `device_record` under "action") and, for an upload, the judged picture's bytes are
//! one record in "outbox_bytes" under the same key, both written in one transaction so the two can
//! never be found apart. Records are keyed by the action's own key. An older build's record, not
//! yet readable (its reader's chunk has not arrived), is left out of the list and left in place.
//!
//! The pictures have their own store because the page reads the queue again before every send
//! (another tab may have sent or added something): reading the actions alone is cheap, while
//! reading every waiting picture each time grew with the square of the queue (twenty 1 MB photos:
//! 20 + 19 + … + 1 = 210 MB read and copied into the page over one round). A picture is read only
//! when the page does not hold it yet.

use idb::TransactionMode;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::device_store::{failed, open, PENDING_BYTES_STORE, PENDING_STORE};
use super::legacy_records::older_action;
use crate::client::DeviceStoreError;
use crate::offline::device_record::{read_record, record_bytes};
use crate::offline::pending_action::PendingAction;

/// An action as read back from the device, with its picture's bytes only where the record holds
/// them itself (as the builds before "outbox_bytes" wrote them); see [`kept_bytes`].
pub struct KeptAction {
    pub action: PendingAction,
    pub bytes: Option<Vec<u8>>,
}

/// Writes `action`, replacing an earlier record under its key, and with it `bytes` for an
/// upload (deletes and reorders have none). A refusal noted on a kept upload passes its bytes
/// again: the record it replaces may be one an older build wrote, with the picture inside.
pub(super) async fn keep_action(action: &PendingAction, bytes: Option<&[u8]>) -> Result<(), DeviceStoreError> {
    let record = Object::new();
    let kept = Uint8Array::from(record_bytes(action).map_err(failed)?.as_slice());
    Reflect::set(&record, &"action".into(), &kept).map_err(failed)?;
    let key = JsValue::from_str(&action.key);
    let database = open().await?;
    let transaction =
        database.transaction(&[PENDING_STORE, PENDING_BYTES_STORE], TransactionMode::ReadWrite).map_err(failed)?;
    if let Some(bytes) = bytes {
        let pictures = transaction.object_store(PENDING_BYTES_STORE).map_err(failed)?;
        pictures.put(&Uint8Array::from(bytes), Some(&key)).map_err(failed)?.await.map_err(failed)?;
    }
    let store = transaction.object_store(PENDING_STORE).map_err(failed)?;
    store.put(&record, Some(&key)).map_err(failed)?.await.map_err(failed)?;
    transaction.commit().map_err(failed)?.await.map_err(failed)?;
    Ok(())
}

/// Every action of `owner`'s queue on this device, in the order they were made.
pub(super) async fn kept_actions(owner: &str) -> Result<Vec<KeptAction>, DeviceStoreError> {
    // The connection closes before an older record's reader may be fetched.
    let records = {
        let database = open().await?;
        let transaction = database.transaction(&[PENDING_STORE], TransactionMode::ReadOnly).map_err(failed)?;
        let store = transaction.object_store(PENDING_STORE).map_err(failed)?;
        store.get_all(None, None).map_err(failed)?.await.map_err(failed)?
    };
    // Each action is put in its place as it is read (after those of the same order: records come
    // in their keys' order), rather than sorted at the end: a sort's code would weigh about 4 KB
    // in the chunk.
    let mut kept: Vec<KeptAction> = Vec::new();
    for record in &records {
        if let Some(action) = read_action(record).await.filter(|action| action.owner == owner) {
            let at = kept.partition_point(|earlier| earlier.action.order <= action.order);
            kept.insert(at, KeptAction { action, bytes: inline_bytes(record) });
        }
    }
    Ok(kept)
}

/// The picture kept for the action under `key`, if any.
pub(super) async fn kept_bytes(key: &str) -> Option<Vec<u8>> {
    let database = open().await.ok()?;
    let transaction = database.transaction(&[PENDING_BYTES_STORE], TransactionMode::ReadOnly).ok()?;
    let store = transaction.object_store(PENDING_BYTES_STORE).ok()?;
    let value: Option<JsValue> = store.get(JsValue::from_str(key)).ok()?.await.ok()?;
    Some(value?.dyn_into::<Uint8Array>().ok()?.to_vec())
}

/// The action a record holds. An older build's record holds it as JSON text under "meta", read
/// once its reader's chunk has arrived; a record that no longer reads as an action is skipped,
/// not fatal.
async fn read_action(record: &JsValue) -> Option<PendingAction> {
    if let Ok(kept) = Reflect::get(record, &"action".into()).ok()?.dyn_into::<Uint8Array>() {
        return read_record(&kept.to_vec());
    }
    let older = Reflect::get(record, &"meta".into()).ok()?.as_string()?;
    older_action(older).await.ok()?
}

/// The picture an older build kept inside the action's record.
fn inline_bytes(record: &JsValue) -> Option<Vec<u8>> {
    Reflect::get(record, &"bytes".into())
        .ok()
        .and_then(|value| value.dyn_into::<Uint8Array>().ok())
        .map(|array| array.to_vec())
}

/// Removes the action under `key` (the server has it, or the candidate dismissed its refusal).
pub(super) async fn forget_action(key: &str) -> Result<(), DeviceStoreError> {
    let database = open().await?;
    let transaction =
        database.transaction(&[PENDING_STORE, PENDING_BYTES_STORE], TransactionMode::ReadWrite).map_err(failed)?;
    for name in [PENDING_STORE, PENDING_BYTES_STORE] {
        let store = transaction.object_store(name).map_err(failed)?;
        store.delete(JsValue::from_str(key)).map_err(failed)?.await.map_err(failed)?;
    }
    transaction.commit().map_err(failed)?.await.map_err(failed)?;
    Ok(())
}

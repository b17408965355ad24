//! The device's own store (IndexedDB, through the `idb` crate): what a candidate typed and the
//! server has not stored yet survives a closed tab, a crash or a reboot. One database, "zige";
//! each kind of record has its object store ("drafts": the personal form by account and exam;
//! "outbox" and "outbox_bytes": actions waiting to be sent and their pictures, see
//! `device_pending_queue`).

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::legacy_records::older_draft;
use crate::client::DeviceStoreError;
use crate::offline::device_draft::DeviceDraft;
use crate::offline::device_record::{read_record, record_bytes};

pub(super) const DATABASE: &str = "zige";
/// 2 added the pending queue, 3 its pictures' own store; an upgrade only adds what is missing, so what
/// an older build kept stays (and `device_pending_queue` still reads its shape).
const VERSION: u32 = 3;
const DRAFTS: &str = "drafts";
pub(super) const PENDING_STORE: &str = "outbox";
pub(super) const PENDING_BYTES_STORE: &str = "outbox_bytes";

/// Any failure of the device's store, as the one error its callers tell apart.
pub(super) fn failed(_: impl Sized) -> DeviceStoreError {
    DeviceStoreError
}

/// A connection to the device's database, closed when dropped: a connection left open would hold
/// back the upgrade of a newer build opened in another tab (its request waits until every older
/// connection is closed), and with it that tab's drafts and pending queue.
pub(super) struct Connection(Database);

impl std::ops::Deref for Connection {
    type Target = Database;

    fn deref(&self) -> &Database {
        &self.0
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // Closes once the connection's transactions are finished, so none is cut short.
        self.0.close();
    }
}

pub(super) async fn open() -> Result<Connection, DeviceStoreError> {
    let factory = Factory::new().map_err(failed)?;
    let mut request = factory.open(DATABASE, Some(VERSION)).map_err(failed)?;
    request.on_upgrade_needed(|event| {
        if let Ok(database) = event.database() {
            for store in [DRAFTS, PENDING_STORE, PENDING_BYTES_STORE] {
                if !database.store_names().iter().any(|name| name == store) {
                    let _ = database.create_object_store(store, ObjectStoreParams::new());
                }
            }
        }
    });
    request.await.map(Connection).map_err(failed)
}

/// The draft kept under `key`, if any (a record that no longer reads as a draft is ignored). An
/// older build kept it as JSON text, read once its reader's chunk has arrived.
pub(super) async fn load_draft(key: &str) -> Option<DeviceDraft> {
    let value = {
        let database = open().await.ok()?;
        let transaction = database.transaction(&[DRAFTS], TransactionMode::ReadOnly).ok()?;
        let store = transaction.object_store(DRAFTS).ok()?;
        store.get(JsValue::from_str(key)).ok()?.await.ok()??
    };
    match value.as_string() {
        Some(older) => older_draft(older).await.ok()?,
        None => read_record(&value.dyn_into::<Uint8Array>().ok()?.to_vec()),
    }
}

/// Keeps `draft` under `key`, replacing what was there; done once the transaction is.
pub(super) async fn keep_draft(key: &str, draft: &DeviceDraft) -> Result<(), DeviceStoreError> {
    let record = Uint8Array::from(record_bytes(draft).map_err(failed)?.as_slice());
    let database = open().await?;
    let transaction = database.transaction(&[DRAFTS], TransactionMode::ReadWrite).map_err(failed)?;
    let store = transaction.object_store(DRAFTS).map_err(failed)?;
    store.put(&record, Some(&JsValue::from_str(key))).map_err(failed)?.await.map_err(failed)?;
    transaction.commit().map_err(failed)?.await.map_err(failed)?;
    Ok(())
}

/// Forgets the draft under `key` (the server has it now, or the candidate chose the server's).
pub(super) async fn forget_draft(key: &str) {
    let Ok(database) = open().await else { return };
    let Ok(transaction) = database.transaction(&[DRAFTS], TransactionMode::ReadWrite) else { return };
    if let Ok(store) = transaction.object_store(DRAFTS) {
        if let Ok(request) = store.delete(JsValue::from_str(key)) {
            let _ = request.await;
        }
    }
    if let Ok(done) = transaction.commit() {
        let _ = done.await;
    }
}

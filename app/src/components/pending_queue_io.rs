//! The pending queue's I/O: one try of a queued action, the request the server is asked with the
//! action's `Idempotency-Key` (an upload as multipart through XHR, for its progress; a delete or a
//! reorder as the server function's JSON); and the device's queue read back.

use std::sync::Arc;

use crate::client::{kept_actions, kept_bytes, post_json, upload_material, UploadRequest};
use crate::domain::record_ids::MaterialId;
use crate::offline::pending_action::PendingKind;
use crate::offline::pending_queue::{holds_bytes, QueuedItem};

/// The actions `owner`'s queue keeps on the device, with their pictures: a picture the page
/// holds already (`held`) is not read again, since this runs before every send. None when the
/// device cannot be read.
pub async fn read_device_queue(owner: &str, held: &[QueuedItem]) -> Option<Vec<QueuedItem>> {
    let kept = kept_actions(owner).await.ok()?;
    let mut from_device = Vec::with_capacity(kept.len());
    for k in kept {
        let bytes = match k.bytes {
            Some(inline) => Some(Arc::new(inline)),
            None if matches!(k.action.kind, PendingKind::Upload { .. }) && !holds_bytes(held, &k.action.key) => {
                kept_bytes(&k.action.key).await.map(Arc::new)
            }
            None => None,
        };
        from_device.push(QueuedItem { action: k.action, bytes, problem: None });
    }
    Some(from_device)
}

/// The answer's status and body; `progress` hears how far an upload's bytes are (0 to 1).
pub async fn send_action(item: &QueuedItem, progress: impl Fn(f64) + 'static) -> Result<(u16, Vec<u8>), String> {
    let action = &item.action;
    let key = action.key.as_str();
    match &action.kind {
        PendingKind::Upload { category, seq_no, file_name, replaces, .. } => {
            let Some(bytes) = item.bytes.clone() else {
                return Err("the picture is no longer on this device".into());
            };
            let request = UploadRequest {
                exam_code: &action.exam_code,
                category,
                seq_no: *seq_no,
                file_name,
                bytes: &bytes,
                replaces: replaces.as_ref().map(MaterialId::as_str),
                key,
            };
            upload_material(request, progress).await
        }
        PendingKind::Delete { material_id, .. } => {
            let body = serde_json::json!({ "id": material_id }).to_string();
            post_json("/api/delete_material", &body, key).await
        }
        PendingKind::Reorder { category, ordered_ids } => {
            let body =
                serde_json::json!({ "code": action.exam_code, "category": category, "ordered_ids": ordered_ids })
                    .to_string();
            post_json("/api/reorder_materials", &body, key).await
        }
    }
}

//! The pending queue's I/O: one try of a queued action, the request the server is asked with the
//! action's `Idempotency-Key` (an upload as multipart through XHR, for its progress; a delete or a
//! reorder as the server function's JSON); and the device's queue read back.
//!
//! The code that sends is a chunk of its own (`sending`), fetched with the first send: sending
//! needs the network, and so does the chunk, so a page that is offline lacks nothing it could use,
//! and the exam page's first load does not carry it (`docs/benchmarks.md`).

use std::sync::Arc;

use serde::Serialize;

use crate::client::{kept_actions, kept_bytes, post_json, upload_material, UploadRequest};
use crate::domain::record_ids::{ExamCode, MaterialId};
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

/// One try of `item`: the answer's status and body; `progress` hears how far an upload's bytes
/// are (0 to 1). When the sending code cannot be fetched, the try fails as an unreachable server's
/// does, and the queue tries again later.
pub async fn send_action(item: &QueuedItem, progress: impl Fn(f64) + 'static) -> Result<(u16, Vec<u8>), String> {
    #[cfg(feature = "hydrate")]
    {
        match sending::one_try(item.clone(), Box::new(progress)).await {
            Ok(sent) => sent.await,
            Err(_) => Err("the code that sends could not be fetched".into()),
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        send_now(item, progress).await
    }
}

#[cfg(feature = "hydrate")]
mod sending {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::wasm_split::SplitLoaderError;

    use crate::offline::pending_queue::QueuedItem;

    type Answer = Result<(u16, Vec<u8>), String>;

    #[leptos::wasm_split::wasm_split(sending, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn one_try(
        item: QueuedItem,
        progress: Box<dyn Fn(f64)>,
    ) -> Result<Pin<Box<dyn Future<Output = Answer>>>, SplitLoaderError> {
        Ok(Box::pin(async move { super::send_now(&item, progress).await }))
    }
}

/// `delete_material`'s arguments, as its JSON.
#[derive(Serialize)]
struct DeleteArgs<'a> {
    id: &'a MaterialId,
}

/// `reorder_materials`'s arguments, as its JSON.
#[derive(Serialize)]
struct ReorderArgs<'a> {
    code: &'a ExamCode,
    category: &'a str,
    ordered_ids: &'a [MaterialId],
}

async fn send_now(item: &QueuedItem, progress: impl Fn(f64) + 'static) -> Result<(u16, Vec<u8>), String> {
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
            let body = serde_json::to_string(&DeleteArgs { id: material_id }).map_err(|e| e.to_string())?;
            post_json("/api/delete_material", &body, key).await
        }
        PendingKind::Reorder { category, ordered_ids } => {
            let args = ReorderArgs { code: &action.exam_code, category, ordered_ids };
            let body = serde_json::to_string(&args).map_err(|e| e.to_string())?;
            post_json("/api/reorder_materials", &body, key).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the queue sends is what the server functions read.
    #[test]
    fn the_arguments_read_as_the_server_functions_own() {
        let id = MaterialId::from("m-1");
        let delete = serde_json::to_string(&DeleteArgs { id: &id }).unwrap();
        let read: crate::api::delete_material::DeleteMaterial = serde_json::from_str(&delete).unwrap();
        assert_eq!(read.id, id);

        let (code, ordered) = (ExamCode::from("004"), vec![MaterialId::from("b"), MaterialId::from("a")]);
        let args = ReorderArgs { code: &code, category: "degree", ordered_ids: &ordered };
        let reorder = serde_json::to_string(&args).unwrap();
        let read: crate::api::reorder_materials::ReorderMaterials = serde_json::from_str(&reorder).unwrap();
        assert_eq!((read.code, read.category.as_str(), read.ordered_ids), (code, "degree", ordered));
    }
}

//! Records the builds before `device_record` kept on the device, in JSON text: a draft typed, an
//! action queued before an update must still come back after it. Their reader sits in a chunk of
//! its own (`legacy_records`), fetched only when such a record is found, so the candidate's
//! first load carries no JSON decoder. Until the chunk has arrived (offline, it may not), the
//! record is left as it is; a record the new build writes in its place replaces it.

use leptos::wasm_split::SplitLoaderError;

use crate::domain::json_text::read_json;
use crate::offline::device_draft::DeviceDraft;
use crate::offline::pending_action::PendingAction;

/// An older build's draft (`None` when the text no longer reads as one).
#[leptos::wasm_split::wasm_split(legacy_records, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn older_draft(text: String) -> Result<Option<DeviceDraft>, SplitLoaderError> {
    Ok(read_json(&text).ok())
}

/// An older build's waiting action, from its record's `meta` text.
#[leptos::wasm_split::wasm_split(legacy_records, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn older_action(meta: String) -> Result<Option<PendingAction>, SplitLoaderError> {
    Ok(read_json(&meta).ok())
}

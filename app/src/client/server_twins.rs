//! Inert server-side twins of the browser helpers; never called during server rendering.

use super::{ChosenFile, DeviceStoreError, FittedPhoto, UploadRequest};
use crate::domain::photo_fit::FitPlan;

pub async fn after_next_paint() {}

pub async fn read_chosen_file(_ev: &leptos::ev::Event) -> Option<ChosenFile> {
    None
}

pub async fn read_chosen_files(_ev: &leptos::ev::Event) -> Vec<ChosenFile> {
    Vec::new()
}

pub async fn upload_material(
    _request: UploadRequest<'_>,
    _on_progress: impl Fn(f64) + 'static,
) -> Result<(u16, Vec<u8>), String> {
    Err("uploads run in the browser".to_string())
}

pub async fn fit_photo(_bytes: &[u8], _plan: &FitPlan) -> Result<Option<FittedPhoto>, String> {
    Err("the photo tool runs in the browser".to_string())
}

pub fn preview_url(_bytes: &[u8]) -> Option<String> {
    None
}

pub fn revoke_preview(_url: &str) {}

pub async fn picture_pixels(_bytes: &[u8], _long_side: u32) -> Result<(Vec<u8>, u32, u32), String> {
    Err("pictures are measured in the browser".to_string())
}

pub async fn sha256_hex(_bytes: &[u8]) -> Option<String> {
    None
}

pub async fn convert_to_jpeg(_bytes: &[u8]) -> Result<FittedPhoto, String> {
    Err("pictures are converted in the browser".to_string())
}

pub async fn load_draft(_key: &str) -> Option<crate::offline::device_draft::DeviceDraft> {
    None
}

pub async fn keep_draft(
    _key: &str,
    _draft: &crate::offline::device_draft::DeviceDraft,
) -> Result<(), DeviceStoreError> {
    Err(DeviceStoreError)
}

pub async fn forget_draft(_key: &str) {}

pub fn fetch_device_store_when_live() {}

pub async fn device_may_hold_records() -> bool {
    false
}

pub fn is_online() -> bool {
    true
}

pub fn clock_text() -> String {
    String::new()
}

pub struct KeptAction {
    pub action: crate::offline::pending_action::PendingAction,
    pub bytes: Option<Vec<u8>>,
}

pub async fn keep_action(
    _action: &crate::offline::pending_action::PendingAction,
    _bytes: Option<std::sync::Arc<Vec<u8>>>,
) -> Result<(), DeviceStoreError> {
    Err(DeviceStoreError)
}

pub async fn kept_actions(_owner: &str) -> Result<Vec<KeptAction>, DeviceStoreError> {
    Ok(Vec::new())
}

pub async fn kept_bytes(_key: &str) -> Option<Vec<u8>> {
    None
}

pub async fn forget_action(_key: &str) -> Result<(), DeviceStoreError> {
    Ok(())
}

pub fn new_action_key() -> String {
    String::new()
}

pub async fn ask_to_persist() -> Option<bool> {
    None
}

pub async fn post_json(_url: &str, _json: &str, _key: &str) -> Result<(u16, Vec<u8>), String> {
    Err("actions are sent from the browser".to_string())
}

pub async fn run_alone<F, Fut, T>(_name: &str, _work: F) -> Option<T>
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    None
}

pub fn register_offline_copy() {}

pub fn forget_offline_pages() {}

pub async fn server_reachable() -> bool {
    true
}

pub async fn read_code_from_camera(
    _video: leptos::web_sys::HtmlVideoElement,
    _closed: impl Fn() -> bool,
) -> Result<Option<String>, String> {
    Err("the camera is read in the browser".to_string())
}

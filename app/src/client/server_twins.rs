//! Inert server-side twins of the browser helpers; never called during server rendering.

use super::{ChosenFile, FittedPhoto, UploadRequest};
use crate::domain::photo_fit::FitPlan;

pub async fn read_chosen_file(_ev: &leptos::ev::Event) -> Option<ChosenFile> {
    None
}

pub async fn upload_material(
    _request: UploadRequest<'_>,
    _on_progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), String> {
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

pub async fn convert_to_jpeg(_bytes: &[u8]) -> Result<FittedPhoto, String> {
    Err("pictures are converted in the browser".to_string())
}

pub async fn load_draft(_key: &str) -> Option<crate::domain::device_draft::DeviceDraft> {
    None
}

pub async fn keep_draft(_key: &str, _draft: &crate::domain::device_draft::DeviceDraft) -> Result<(), String> {
    Err("drafts are kept in the browser".to_string())
}

pub async fn forget_draft(_key: &str) {}

pub fn is_online() -> bool {
    true
}

pub fn clock_text() -> String {
    String::new()
}

//! Inert server-side twins of the browser helpers; never called during server rendering.

use super::{ChosenFile, UploadRequest};

pub async fn read_chosen_file(_ev: &leptos::ev::Event) -> Option<ChosenFile> {
    None
}

pub async fn upload_material(
    _request: UploadRequest<'_>,
    _on_progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), String> {
    Err("uploads run in the browser".to_string())
}

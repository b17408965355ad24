//! Reads a chosen file into memory so the shared judgement can run on it before any upload.

use wasm_bindgen::JsCast;

use super::ChosenFile;

/// The first file of an `<input type=file>` change event, read in full.
pub async fn read_chosen_file(ev: &web_sys::Event) -> Option<ChosenFile> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await.ok()?;
    Some(ChosenFile { name, bytes })
}

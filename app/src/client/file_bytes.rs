//! Reads chosen files into memory so the shared judgement can run on them before any upload.

use wasm_bindgen::JsCast;

use super::ChosenFile;

/// The first file of an `<input type=file>` change event, read in full.
pub async fn read_chosen_file(ev: &web_sys::Event) -> Option<ChosenFile> {
    let file = chosen_list(ev)?.get(0)?;
    read(file).await
}

/// Every file of an `<input type=file multiple>` change event, in the order the browser lists
/// them, each read in full; a file that cannot be read (gone from the disk meanwhile) is left out.
pub async fn read_chosen_files(ev: &web_sys::Event) -> Vec<ChosenFile> {
    let Some(list) = chosen_list(ev) else { return Vec::new() };
    let mut files = Vec::with_capacity(list.length() as usize);
    for index in 0..list.length() {
        if let Some(file) = list.get(index) {
            files.extend(read(file).await);
        }
    }
    files
}

fn chosen_list(ev: &web_sys::Event) -> Option<web_sys::FileList> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    input.files()
}

async fn read(file: web_sys::File) -> Option<ChosenFile> {
    let name = file.name();
    let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await.ok()?;
    Some(ChosenFile { name, bytes })
}

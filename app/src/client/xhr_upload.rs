//! Uploads through XMLHttpRequest rather than fetch: only XHR reports upload progress, which a
//! candidate on a slow phone connection needs to see.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, FormData, ProgressEvent, XmlHttpRequest};

use super::UploadRequest;

/// Sends the multipart form to `/api/materials`, calling `on_progress` with 0.0–1.0 as bytes
/// leave. Returns the HTTP status and the response body, or an error when the network failed.
pub async fn upload_material(
    request: UploadRequest<'_>,
    on_progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), String> {
    let js_error = |e: JsValue| format!("{e:?}");
    let form = FormData::new().map_err(js_error)?;
    form.append_with_str("exam", request.exam_code).map_err(js_error)?;
    form.append_with_str("category", request.category).map_err(js_error)?;
    form.append_with_str("seq_no", &request.seq_no.to_string()).map_err(js_error)?;
    if let Some(replaces) = request.replaces {
        form.append_with_str("replaces", replaces).map_err(js_error)?;
    }
    let parts = Array::of1(&Uint8Array::from(request.bytes));
    let options = BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)?;
    form.append_with_blob_and_filename("file", &blob, request.file_name).map_err(js_error)?;

    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open("POST", "/api/materials").map_err(js_error)?;
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            on_progress(ev.loaded() / ev.total());
        }
    });
    xhr.upload().map_err(js_error)?.set_onprogress(Some(progress.as_ref().unchecked_ref()));

    let finished = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_form_data(Some(&form)).map_err(js_error)?;
    let outcome = JsFuture::from(finished).await;
    drop(progress); // kept alive until the request is over
    outcome.map_err(|_| "network error".to_string())?;
    Ok((xhr.status().map_err(js_error)?, xhr.response_text().map_err(js_error)?.unwrap_or_default()))
}

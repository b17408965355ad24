//! Sends queued actions through XMLHttpRequest rather than fetch: only XHR reports upload
//! progress, which a candidate on a slow phone connection needs to see. Every request carries the
//! action's `Idempotency-Key`, so a try whose answer was lost can be sent again safely. Like the
//! server functions' client, each asks for its answer in postcard (`api::wire`), which is how the
//! page reads an error.

use js_sys::{Array, ArrayBuffer, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, FormData, ProgressEvent, XmlHttpRequest, XmlHttpRequestResponseType};

use super::UploadRequest;
use crate::api::wire::POSTCARD;

/// The answer's status and body, or an error when no answer came back (the network failed).
type Answered = Result<(u16, Vec<u8>), String>;

fn js_error(e: JsValue) -> String {
    format!("{e:?}")
}

/// Sends the multipart form to `/api/materials`, calling `on_progress` with 0.0–1.0 as bytes leave.
pub async fn upload_material(request: UploadRequest<'_>, on_progress: impl Fn(f64) + 'static) -> Answered {
    let form = FormData::new().map_err(js_error)?;
    form.append_with_str("exam", request.exam_code.as_str()).map_err(js_error)?;
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

    let xhr = keyed_post("/api/materials", request.key)?;
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            on_progress(ev.loaded() / ev.total());
        }
    });
    xhr.upload().map_err(js_error)?.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let answered = answer(&xhr, |xhr| xhr.send_with_opt_form_data(Some(&form))).await;
    drop(progress); // kept alive until the request is over
    answered
}

/// Posts JSON to a server function (`/api/delete_material`, `/api/reorder_materials`).
pub async fn post_json(url: &str, json: &str, key: &str) -> Answered {
    let xhr = keyed_post(url, key)?;
    xhr.set_request_header("Content-Type", "application/json").map_err(js_error)?;
    answer(&xhr, |xhr| xhr.send_with_opt_str(Some(json))).await
}

fn keyed_post(url: &str, key: &str) -> Result<XmlHttpRequest, String> {
    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open("POST", url).map_err(js_error)?;
    xhr.set_request_header("Idempotency-Key", key).map_err(js_error)?;
    xhr.set_request_header("Accept", POSTCARD).map_err(js_error)?;
    Ok(xhr)
}

async fn answer(xhr: &XmlHttpRequest, send: impl FnOnce(&XmlHttpRequest) -> Result<(), JsValue>) -> Answered {
    let finished = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
    send(xhr).map_err(js_error)?;
    JsFuture::from(finished).await.map_err(|_| "network error".to_string())?;
    let body = xhr.response().ok().and_then(|body| body.dyn_into::<ArrayBuffer>().ok());
    Ok((xhr.status().map_err(js_error)?, body.map(|body| Uint8Array::new(&body).to_vec()).unwrap_or_default()))
}

/// GETs one of the site's own files (the face detector's model): its status and bytes.
pub async fn fetch_site_file(url: &str) -> Answered {
    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open("GET", url).map_err(js_error)?;
    answer(&xhr, |xhr| xhr.send()).await
}

/// Whether the server answers right now (`/health`, never answered by the offline copy): the
/// browser's `navigator.onLine` says true on a network that reaches nothing.
pub async fn server_reachable() -> bool {
    let Ok(xhr) = XmlHttpRequest::new() else { return false };
    if xhr.open("GET", "/health").is_err() {
        return false;
    }
    matches!(answer(&xhr, |xhr| xhr.send()).await, Ok((200, _)))
}

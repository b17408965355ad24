//! The photo tool's pixels, done by the browser's own machinery: `createImageBitmap` decodes the
//! picture upright (it reads the EXIF orientation), a canvas crops and scales it, and `toBlob`
//! encodes JPEG at a chosen quality. The plan — which sizes and qualities — is the shared
//! domain's (`domain::photo_fit`), driven here with the asynchronous encoder.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapOptions,
    ImageOrientation,
};

use crate::domain::photo_fit::{CropBox, FitPlan, QualitySearch, SearchEnd};

use super::FittedPhoto;

fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Fits `bytes` by `plan`: None when no size and quality land in the byte window.
pub async fn fit_photo(bytes: &[u8], plan: &FitPlan) -> Result<Option<FittedPhoto>, String> {
    let picture = decode_upright(bytes).await?;
    for &size in &plan.sizes {
        let mut search = QualitySearch::new(plan.min_bytes, plan.max_bytes);
        // The highest-quality encode that landed in the window, as the search keeps it.
        let mut kept: Option<(f32, Vec<u8>)> = None;
        while let Some(quality) = search.next() {
            let encoded = encode(&picture, plan.crop, size, quality).await?;
            let len = encoded.len() as u64;
            search.record(quality, len);
            if (plan.min_bytes..=plan.max_bytes).contains(&len) && kept.as_ref().is_none_or(|(q, _)| quality > *q) {
                kept = Some((quality, encoded));
            }
        }
        match (search.end(), kept) {
            (SearchEnd::Fitted { .. }, Some((quality, bytes))) => {
                picture.close();
                return Ok(Some(FittedPhoto { width: size.0, height: size.1, quality, bytes }));
            }
            (SearchEnd::TooFewBytes, _) => break,
            _ => continue,
        }
    }
    picture.close();
    Ok(None)
}

/// The picture decoded and turned upright by its EXIF orientation.
async fn decode_upright(bytes: &[u8]) -> Result<ImageBitmap, String> {
    let blob = blob_of(bytes, "application/octet-stream")?;
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.create_image_bitmap_with_blob_and_image_bitmap_options(&blob, &options).map_err(js_error)?;
    JsFuture::from(promise).await.map_err(js_error)?.dyn_into::<ImageBitmap>().map_err(js_error)
}

/// The cropped part drawn at `size` on a white canvas (a PNG's transparency becomes white, as
/// paper is), encoded as JPEG at `quality`.
async fn encode(
    picture: &ImageBitmap,
    crop: Option<CropBox>,
    size: (u32, u32),
    quality: f32,
) -> Result<Vec<u8>, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(js_error)?.dyn_into().map_err(|_| "no canvas".to_string())?;
    canvas.set_width(size.0);
    canvas.set_height(size.1);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").map_err(js_error)?.ok_or("no 2d context")?.dyn_into().map_err(|_| "no 2d context")?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
    context.set_image_smoothing_enabled(true);
    let source = crop.unwrap_or(CropBox { x: 0, y: 0, width: picture.width(), height: picture.height() });
    context
        .draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            picture,
            f64::from(source.x),
            f64::from(source.y),
            f64::from(source.width),
            f64::from(source.height),
            0.0,
            0.0,
            f64::from(size.0),
            f64::from(size.1),
        )
        .map_err(js_error)?;
    let blob = JsFuture::from(Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(error) =
            canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &JsValue::from(quality))
        {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    }))
    .await
    .map_err(js_error)?;
    let blob: Blob = blob.dyn_into().map_err(|_| "the browser could not encode JPEG".to_string())?;
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn blob_of(bytes: &[u8], mime: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)
}

/// An address the page can show `bytes` at (a before/after preview); revoke it when done.
pub fn preview_url(bytes: &[u8]) -> Option<String> {
    let blob = blob_of(bytes, "image/jpeg").ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke_preview(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

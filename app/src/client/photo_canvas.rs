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

use crate::domain::fit_search::FitSearch;
use crate::domain::photo_fit::{CropBox, FitPlan, MAX_CANVAS_PIXELS};

use super::FittedPhoto;

pub(super) fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Fits `bytes` by `plan`: None when no size and quality land in the byte window. The search
/// (`domain::fit_search`) says which size and quality to encode next; each size is drawn once.
pub async fn fit_photo(bytes: &[u8], plan: &FitPlan) -> Result<Option<FittedPhoto>, String> {
    let picture = decode_upright(bytes).await?;
    let fitted = fit_decoded(&picture, plan).await;
    picture.close();
    fitted
}

async fn fit_decoded(picture: &ImageBitmap, plan: &FitPlan) -> Result<Option<FittedPhoto>, String> {
    let mut search = FitSearch::new(plan);
    // The canvas last drawn, by its size, and the encode the search holds as its best so far.
    let mut drawn: Option<((u32, u32), HtmlCanvasElement)> = None;
    let mut best: Option<FittedPhoto> = None;
    while let Some(next) = search.next() {
        let canvas = match drawn.take() {
            Some((size, canvas)) if size == next.size => canvas,
            _ => draw(picture, plan.crop, next.size)?.0,
        };
        let encoded = to_jpeg(&canvas, next.quality).await?;
        if search.record(next.size, next.quality, encoded.len() as u64) {
            best = Some(FittedPhoto { width: next.size.0, height: next.size.1, quality: next.quality, bytes: encoded });
        }
        drawn = Some((next.size, canvas));
    }
    Ok(best)
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

/// The canvas encoded as JPEG at `quality`.
pub(super) async fn to_jpeg(canvas: &HtmlCanvasElement, quality: f32) -> Result<Vec<u8>, String> {
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

/// A canvas of `size` with the cropped part (the whole picture when None) drawn on white.
fn draw(
    picture: &ImageBitmap,
    crop: Option<CropBox>,
    size: (u32, u32),
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), String> {
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
    // Scaling a phone photo down by three or four: the default ("low") samples and aliases fine
    // print; web-sys has no setter for this one.
    let _ = js_sys::Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into());
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
    Ok((canvas, context))
}

/// A picture the browser can decode but the rules do not accept as it is (HEIC, on browsers that
/// read it), made a JPEG upright at its own size, or less where that passes a phone's canvas.
pub async fn convert_to_jpeg(bytes: &[u8]) -> Result<FittedPhoto, String> {
    let picture = decode_upright(bytes).await?;
    let (w, h) = (f64::from(picture.width().max(1)), f64::from(picture.height().max(1)));
    let scale = (MAX_CANVAS_PIXELS as f64 / (w * h)).sqrt().min(1.0);
    let size = (((w * scale).floor() as u32).max(1), ((h * scale).floor() as u32).max(1));
    let drawn = draw(&picture, None, size);
    picture.close();
    let (canvas, _) = drawn?;
    let bytes = to_jpeg(&canvas, CONVERSION_QUALITY).await?;
    Ok(FittedPhoto { width: size.0, height: size.1, quality: CONVERSION_QUALITY, bytes })
}

/// A converted photo keeps nearly all its detail; the photo tool makes it smaller if a rule asks.
const CONVERSION_QUALITY: f32 = 0.92;

/// The picture's pixels (RGBA), upright and scaled down to at most `long_side` on its longer
/// side, for the advice on how it looks (`domain::picture_quality`).
pub async fn picture_pixels(bytes: &[u8], long_side: u32) -> Result<(Vec<u8>, u32, u32), String> {
    let picture = decode_upright(bytes).await?;
    let (w, h) = (picture.width().max(1), picture.height().max(1));
    let scale = (f64::from(long_side) / f64::from(w.max(h))).min(1.0);
    let size = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
    let drawn = draw(&picture, None, size);
    picture.close();
    let (_, context) = drawn?;
    let data = context.get_image_data(0.0, 0.0, f64::from(size.0), f64::from(size.1)).map_err(js_error)?;
    Ok((data.data().0, size.0, size.1))
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

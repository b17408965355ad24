//! Pixels the page drew itself (a PDF's page, `domain::pdf_pages`) encoded as a JPEG by the
//! browser, as the photo tool encodes its results: the canvas's encoder is fast and costs the
//! download nothing.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::photo_canvas::{js_error, to_jpeg};

/// `rgba` (`width` × `height`, opaque) as a JPEG at `quality` (0 to 1).
pub async fn jpeg_of_pixels(rgba: &[u8], width: u32, height: u32, quality: f32) -> Result<Vec<u8>, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(js_error)?.dyn_into().map_err(|_| "no canvas".to_string())?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").map_err(js_error)?.ok_or("no 2d context")?.dyn_into().map_err(|_| "no 2d context")?;
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height).map_err(js_error)?;
    context.put_image_data(&data, 0.0, 0.0).map_err(js_error)?;
    let jpeg = to_jpeg(&canvas, quality).await;
    // A page at 200 DPI holds 15 MB of pixels: let the canvas go at once rather than at the next
    // collection.
    canvas.set_width(0);
    canvas.set_height(0);
    jpeg
}

//! A QR code read from the device's camera, for an on-site check without a USB scanner. Chromium's
//! `BarcodeDetector` is absent on desktop Linux and Windows, so each frame is drawn on a canvas
//! and read by the reader the server uses (`domain::qr_code`, rxing), a few times a second, until a
//! code is read or the on-site check closes the camera; the camera is released either way.

use std::time::Duration;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

use super::pause::pause;
use crate::domain::qr_code::read_qr_code;

/// Between two frames read: rxing takes a good part of that on an on-site check's computer.
const BETWEEN_FRAMES: Duration = Duration::from_millis(250);

fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Shows the camera in `video` and reads frames until a code is read (Some) or `closed` says the
/// on-site check closed the camera (None). Err: no camera, or the browser was refused it.
pub async fn read_code_from_camera(
    video: HtmlVideoElement,
    closed: impl Fn() -> bool,
) -> Result<Option<String>, String> {
    let stream = open_camera().await?;
    video.set_src_object(Some(&stream));
    let read = read_frames(&video, &closed).await;
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
    video.set_src_object(None);
    read
}

/// The camera facing away from the screen where there is one (a phone's or tablet's back camera).
async fn open_camera() -> Result<MediaStream, String> {
    let devices = web_sys::window().ok_or("no window")?.navigator().media_devices().map_err(js_error)?;
    let video = Object::new();
    Reflect::set(&video, &"facingMode".into(), &"environment".into()).map_err(js_error)?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let asked = devices.get_user_media_with_constraints(&constraints).map_err(js_error)?;
    JsFuture::from(asked).await.map_err(js_error)?.dyn_into::<MediaStream>().map_err(js_error)
}

async fn read_frames(video: &HtmlVideoElement, closed: &impl Fn() -> bool) -> Result<Option<String>, String> {
    JsFuture::from(video.play().map_err(js_error)?).await.map_err(js_error)?;
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .create_element("canvas")
        .map_err(js_error)?
        .dyn_into::<HtmlCanvasElement>()
        .map_err(|_| "no canvas")?;
    let context = canvas
        .get_context("2d")
        .map_err(js_error)?
        .ok_or("no 2d canvas")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "no 2d canvas")?;
    while !closed() {
        let (width, height) = (video.video_width(), video.video_height());
        if width > 0 && height > 0 {
            canvas.set_width(width);
            canvas.set_height(height);
            context.draw_image_with_html_video_element(video, 0.0, 0.0).map_err(js_error)?;
            let pixels = context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height)).map_err(js_error)?;
            if let Some(text) = read_qr_code(&pixels.data().0, width, height) {
                return Ok(Some(text));
            }
        }
        pause(BETWEEN_FRAMES).await;
    }
    Ok(None)
}

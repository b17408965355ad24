//! Browser-only helpers. The server build gets inert twins with the same signatures, so
//! components need no `cfg`: their event handlers only ever run in the browser.
#[cfg(feature = "hydrate")]
mod after_paint;
#[cfg(feature = "hydrate")]
mod camera_code;
#[cfg(feature = "hydrate")]
mod device_chunk;
#[cfg(feature = "hydrate")]
mod device_pending_queue;
#[cfg(feature = "hydrate")]
mod device_state;
#[cfg(feature = "hydrate")]
mod device_store;
#[cfg(feature = "hydrate")]
mod face_model;
#[cfg(feature = "hydrate")]
mod file_bytes;
#[cfg(feature = "hydrate")]
mod file_digest;
#[cfg(feature = "hydrate")]
mod legacy_records;
#[cfg(feature = "hydrate")]
mod offline_copy;
#[cfg(feature = "hydrate")]
mod pause;
#[cfg(feature = "hydrate")]
mod photo_canvas;
#[cfg(feature = "hydrate")]
mod pixels_jpeg;
#[cfg(feature = "hydrate")]
mod sender_lock;
#[cfg(not(feature = "hydrate"))]
mod server_twins;
#[cfg(feature = "hydrate")]
mod xhr_upload;

#[cfg(feature = "hydrate")]
pub use after_paint::after_next_paint;
#[cfg(feature = "hydrate")]
pub use camera_code::read_code_from_camera;
#[cfg(feature = "hydrate")]
pub use device_chunk::{
    device_may_hold_records, fetch_device_store_when_live, forget_action, forget_draft, keep_action, keep_draft,
    kept_actions, kept_bytes, load_draft,
};
#[cfg(feature = "hydrate")]
pub use device_pending_queue::KeptAction;
#[cfg(feature = "hydrate")]
pub use device_state::{ask_to_persist, clock_text, is_online, new_action_key};
#[cfg(feature = "hydrate")]
pub use face_model::face_finder;
#[cfg(feature = "hydrate")]
pub use file_bytes::{read_chosen_file, read_chosen_files};
#[cfg(feature = "hydrate")]
pub use file_digest::sha256_hex;
#[cfg(feature = "hydrate")]
pub use offline_copy::{forget_offline_pages, keep_for_offline, register_offline_copy};
#[cfg(feature = "hydrate")]
pub use pause::pause;
#[cfg(feature = "hydrate")]
pub use photo_canvas::{convert_to_jpeg, fit_photo, picture_pixels, preview_url, revoke_preview};
#[cfg(feature = "hydrate")]
pub use pixels_jpeg::jpeg_of_pixels;
#[cfg(feature = "hydrate")]
pub use sender_lock::run_alone;
#[cfg(not(feature = "hydrate"))]
pub use server_twins::{
    after_next_paint, ask_to_persist, clock_text, convert_to_jpeg, device_may_hold_records,
    fetch_device_store_when_live, fit_photo, forget_action, forget_draft, forget_offline_pages, is_online, keep_action,
    keep_draft, kept_actions, kept_bytes, load_draft, new_action_key, picture_pixels, post_json, preview_url,
    read_chosen_file, read_chosen_files, read_code_from_camera, register_offline_copy, revoke_preview, run_alone,
    server_reachable, sha256_hex, upload_material, KeptAction,
};
#[cfg(feature = "hydrate")]
pub use xhr_upload::{fetch_site_file, post_json, server_reachable, upload_material};

/// A file the candidate picked, read in full.
pub struct ChosenFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The device did not keep or read what was asked: no IndexedDB, a full or closed device, a store
/// that refused, or the chunk that holds this code never arrived. Every caller only asks whether it
/// worked (the page then says the device cannot keep it, or goes on with what it holds), so the
/// detail is not carried: idb's texts for its errors weighed about 3 KB of code in the chunk.
#[derive(Clone, Copy, Debug)]
pub struct DeviceStoreError;

/// A picture the photo tool fitted to a category's rules (JPEG).
#[derive(Clone, Debug)]
pub struct FittedPhoto {
    pub width: u32,
    pub height: u32,
    pub quality: f32,
    pub bytes: Vec<u8>,
}

/// The multipart upload of one picture.
pub struct UploadRequest<'a> {
    pub exam_code: &'a crate::domain::record_ids::ExamCode,
    pub category: &'a str,
    pub seq_no: u32,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// The picture this file replaces, if any.
    pub replaces: Option<&'a str>,
    /// The action's `Idempotency-Key`.
    pub key: &'a str,
}

/// Seconds since 1970 by this device's clock: a verifier at the exam hall's entrance checks a ticket's expiry with
/// it, without the server.
pub fn now_seconds() -> i64 {
    now_millis() / 1000
}

/// Milliseconds since 1970 by this device's clock (the pending queue orders actions by it).
pub fn now_millis() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().timestamp_millis()
    }
}

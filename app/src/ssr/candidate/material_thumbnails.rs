//! The small copy of a stored picture that the candidate's lists show (`/api/materials/{id}/thumb`):
//! a JPEG whose shorter side is 192 px, for a place of 64–96 px on a screen of twice the density.
//! The whole file, a scan of 400–600 KB or a phone's photo of several MB, came down for each
//! picture of the list on every visit before (personal files are never cached). Made from the
//! stored file the first time it is asked for, upright as the file says (EXIF), kept beside it
//! (`material_thumbnails`, gone with the picture), and made again once the picture is replaced.
//! Whoever may read the file may read its copy (`material_access::readable`).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder};
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};

use crate::domain::record_ids::MaterialId;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Anyone;
use crate::ssr::access::material_access;
use crate::ssr::entities::{material, material_thumbnail};
use crate::ssr::infra::decode_budget::decode_memory_for_pixels;
use crate::ssr::infra::server_state::ServerState;

/// The copy's shorter side, in pixels.
pub const SHORTER_SIDE: u32 = 192;
/// Enough for a small picture's detail; the copies weigh 5–15 KB.
const JPEG_QUALITY: u8 = 75;

/// The JPEG of the picture's small copy.
#[tracing::instrument(skip_all, fields(user = %account.id, material = %material_id))]
pub async fn thumbnail_for(
    state: &ServerState,
    account: &Caller<Anyone>,
    material_id: &MaterialId,
) -> Result<Vec<u8>, AppError> {
    let row = material_access::readable(state, account, material_id).await?;
    let kept = material_thumbnail::Entity::find_by_id(material_id.clone()).one(&state.db).await?;
    if let Some(kept) = kept.filter(|kept| kept.blob_key == row.blob_key) {
        return Ok(kept.jpeg);
    }
    let jpeg = make(state, &row).await?;
    keep(state, &row, &jpeg).await?;
    Ok(jpeg)
}

/// Decodes the stored file within the decode budget, as an upload's decode is held, and draws it
/// small.
async fn make(state: &ServerState, row: &material::Model) -> Result<Vec<u8>, AppError> {
    let bytes = state.blobs.get(&row.blob_key).await?;
    let bytes = bytes.ok_or_else(|| crate::ssr::internal("blob missing", row.blob_key.clone()))?;
    let pixels = u64::from(row.width.unsigned_abs()) * u64::from(row.height.unsigned_abs());
    let reservation = state.decode_budget.reserve(decode_memory_for_pixels(pixels)).await?;
    let made = tokio::task::spawn_blocking(move || {
        let _reservation = reservation;
        small_jpeg(&bytes)
    })
    .await
    .map_err(|error| crate::ssr::internal("thumbnail task", error.to_string()))?;
    made.map_err(|error| crate::ssr::internal("thumbnail", error))
}

async fn keep(state: &ServerState, row: &material::Model, jpeg: &[u8]) -> Result<(), AppError> {
    let copy = material_thumbnail::ActiveModel {
        material_id: Set(row.id.clone()),
        blob_key: Set(row.blob_key.clone()),
        jpeg: Set(jpeg.to_vec()),
        made_at: Set(state.clock.now()),
    };
    let replace = OnConflict::column(material_thumbnail::Column::MaterialId)
        .update_columns([
            material_thumbnail::Column::BlobKey,
            material_thumbnail::Column::Jpeg,
            material_thumbnail::Column::MadeAt,
        ])
        .to_owned();
    material_thumbnail::Entity::insert(copy).on_conflict(replace).exec(&state.db).await?;
    Ok(())
}

/// The picture upright, its shorter side [`SHORTER_SIDE`] (never enlarged), as a JPEG.
pub fn small_jpeg(file: &[u8]) -> Result<Vec<u8>, String> {
    let reader = image::ImageReader::new(Cursor::new(file)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    picture.apply_orientation(orientation);
    let (width, height) = (picture.width(), picture.height());
    let scale = (f64::from(SHORTER_SIDE) / f64::from(width.min(height))).min(1.0);
    let side = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    let small = picture.thumbnail_exact(side(width), side(height)).into_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&small)
        .map_err(|e| e.to_string())?;
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_of(width: u32, height: u32) -> Vec<u8> {
        let picture =
            image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&picture).unwrap();
        bytes
    }

    fn size_of(jpeg: &[u8]) -> (u32, u32) {
        image::load_from_memory(jpeg).map(|p| (p.width(), p.height())).unwrap()
    }

    #[test]
    fn an_a4_scan_becomes_a_copy_whose_shorter_side_is_192_and_its_shape_kept() {
        let copy = small_jpeg(&jpeg_of(1654, 2339)).unwrap();
        assert_eq!(size_of(&copy), (192, 272));
        assert!(copy.len() < 30_000, "{} bytes", copy.len());
    }

    #[test]
    fn a_small_picture_is_not_enlarged_and_a_wide_one_keeps_its_shape() {
        assert_eq!(size_of(&small_jpeg(&jpeg_of(120, 160)).unwrap()), (120, 160));
        assert_eq!(size_of(&small_jpeg(&jpeg_of(4000, 3000)).unwrap()), (256, 192));
    }

    #[test]
    fn bytes_that_are_no_picture_are_an_error_not_a_panic() {
        assert!(small_jpeg(b"not a picture").is_err());
    }
}

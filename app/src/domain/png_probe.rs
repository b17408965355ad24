//! Walks a PNG's chunks: IHDR for size and colour, pHYs for density, eXIf for orientation, and
//! IEND for where the data ends.

use super::exif_fields::read_exif_fields;
use super::file_facts::{ColorModel, Dpi, DpiSource, FileFacts};
use super::file_format::FileFormat;
use super::probe_error::{MalformedReason, ProbeError};
use super::sniff::PNG_SIGNATURE;

const METRES_PER_INCH: f64 = 0.0254;

pub fn probe_png(bytes: &[u8]) -> Result<FileFacts, ProbeError> {
    let malformed = |reason| ProbeError::Malformed { format: FileFormat::Png, reason };
    let mut header = None;
    let mut dpi = None;
    let mut orientation = None;
    let mut end_of_image = None;
    let mut pos = PNG_SIGNATURE.len();

    while let Some((kind, data, next)) = read_chunk(bytes, pos) {
        if header.is_none() && kind != *b"IHDR" {
            return Err(malformed(MalformedReason::MissingHeader));
        }
        match &kind {
            b"IHDR" => header = Some(data),
            b"pHYs" => dpi = read_physical_density(data),
            b"eXIf" => orientation = read_exif_fields(data).orientation,
            b"IEND" => {
                end_of_image = Some(next);
                break;
            }
            _ => {}
        }
        pos = next;
    }

    let header = header.filter(|h| h.len() >= 13).ok_or(malformed(MalformedReason::EndsBeforeHeader))?;
    let width = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let height = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
    if width == 0 || height == 0 {
        return Err(malformed(MalformedReason::ZeroDimension));
    }
    Ok(FileFacts {
        format: FileFormat::Png,
        byte_len: bytes.len() as u64,
        stored_width: width,
        stored_height: height,
        orientation: orientation.unwrap_or(1),
        dpi,
        color: match header[9] {
            0 => ColorModel::Grayscale,
            2 => ColorModel::Rgb,
            3 => ColorModel::Indexed,
            4 => ColorModel::GrayscaleAlpha,
            6 => ColorModel::Rgba,
            _ => ColorModel::Other,
        },
        progressive: header[12] == 1, // Adam7 interlacing
        ends_properly: end_of_image.is_some(),
        trailing_bytes: end_of_image.map_or(0, |end| (bytes.len() - end) as u64),
    })
}

/// One chunk at `pos`: its type, its data, and where the next chunk starts. None when the chunk
/// runs past the end of the file.
fn read_chunk(bytes: &[u8], pos: usize) -> Option<([u8; 4], &[u8], usize)> {
    let length = u32::from_be_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
    let kind: [u8; 4] = bytes.get(pos + 4..pos + 8)?.try_into().ok()?;
    let data_end = (pos + 8).checked_add(length)?;
    let data = bytes.get(pos + 8..data_end)?;
    let next = data_end.checked_add(4)?; // CRC
    (next <= bytes.len()).then_some((kind, data, next))
}

/// pHYs: pixels per unit on X and Y, then the unit (1 = metre; 0 = aspect ratio only).
fn read_physical_density(data: &[u8]) -> Option<Dpi> {
    if data.len() < 9 || data[8] != 1 {
        return None;
    }
    let x = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as f64;
    let y = u32::from_be_bytes([data[4], data[5], data[6], data[7]]) as f64;
    (x > 0.0 && y > 0.0).then_some(Dpi { x: x * METRES_PER_INCH, y: y * METRES_PER_INCH, source: DpiSource::Png })
}

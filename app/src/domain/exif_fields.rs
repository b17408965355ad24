//! The two EXIF facts the probe needs: orientation and resolution. Parsing the TIFF structure is
//! left to kamadak-exif.

use exif::{In, Tag, Value};

use super::file_facts::{Dpi, DpiSource};

pub struct ExifFields {
    pub orientation: Option<u8>,
    pub dpi: Option<Dpi>,
}

/// Reads orientation and resolution from raw TIFF-structured EXIF data. Broken EXIF is common
/// (cameras, editors) and never makes the picture unreadable, so it yields no fields, not an error.
pub fn read_exif_fields(tiff: &[u8]) -> ExifFields {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return ExifFields { orientation: None, dpi: None };
    };
    let orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
        .map(|o| o as u8);
    let rational = |tag| match exif.get_field(tag, In::PRIMARY).map(|f| &f.value) {
        Some(Value::Rational(v)) if !v.is_empty() && v[0].denom != 0 => Some(v[0].to_f64()),
        _ => None,
    };
    // ResolutionUnit: 2 = inch (the TIFF default), 3 = centimetre; 1 = no absolute unit.
    let unit = exif.get_field(Tag::ResolutionUnit, In::PRIMARY).and_then(|f| f.value.get_uint(0)).unwrap_or(2);
    let per_inch = match unit {
        2 => Some(1.0),
        3 => Some(2.54),
        _ => None,
    };
    let dpi = match (rational(Tag::XResolution), rational(Tag::YResolution), per_inch) {
        (Some(x), Some(y), Some(k)) if x > 0.0 && y > 0.0 => Some(Dpi { x: x * k, y: y * k, source: DpiSource::Exif }),
        _ => None,
    };
    ExifFields { orientation, dpi }
}

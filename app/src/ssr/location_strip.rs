//! Stored copies carry no location: EXIF (which holds GPS), XMP and IPTC metadata are dropped,
//! and only the orientation and resolution a viewer needs are written back.

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use img_parts::jpeg::Jpeg;
use img_parts::png::Png;
use img_parts::{Bytes, ImageEXIF};

use crate::domain::image_facts::DpiSource;
use crate::domain::{ImageFacts, ImageFormat};

const APP1: u8 = 0xE1; // EXIF and XMP
const APP13: u8 = 0xED; // Photoshop IRB / IPTC, which can carry a location too
const PNG_TEXT_CHUNKS: [[u8; 4]; 4] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt"];

pub fn strip_location(bytes: Vec<u8>, facts: &ImageFacts) -> Result<Vec<u8>, String> {
    let kept_exif = minimal_exif(facts).map(Bytes::from);
    match facts.format {
        ImageFormat::Jpeg => {
            let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(|e| e.to_string())?;
            jpeg.segments_mut().retain(|s| s.marker() != APP1 && s.marker() != APP13);
            jpeg.set_exif(kept_exif);
            Ok(jpeg.encoder().bytes().to_vec())
        }
        ImageFormat::Png => {
            let mut png = Png::from_bytes(Bytes::from(bytes)).map_err(|e| e.to_string())?;
            png.chunks_mut().retain(|c| !PNG_TEXT_CHUNKS.contains(&c.kind()));
            png.set_exif(kept_exif);
            Ok(png.encoder().bytes().to_vec())
        }
    }
}

/// A fresh EXIF block with only orientation and (where EXIF gave it) resolution, or None when
/// there is nothing worth keeping.
fn minimal_exif(facts: &ImageFacts) -> Option<Vec<u8>> {
    let exif_dpi = facts.dpi.filter(|d| d.source == DpiSource::Exif);
    if facts.orientation == 1 && exif_dpi.is_none() {
        return None;
    }
    let mut fields = vec![Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![facts.orientation as u16]) }];
    if let Some(dpi) = exif_dpi {
        let rational = |v: f64| Value::Rational(vec![Rational { num: v.round() as u32, denom: 1 }]);
        fields.push(Field { tag: Tag::XResolution, ifd_num: In::PRIMARY, value: rational(dpi.x) });
        fields.push(Field { tag: Tag::YResolution, ifd_num: In::PRIMARY, value: rational(dpi.y) });
        fields.push(Field { tag: Tag::ResolutionUnit, ifd_num: In::PRIMARY, value: Value::Short(vec![2]) });
    }
    let mut writer = Writer::new();
    fields.iter().for_each(|f| writer.push_field(f));
    let mut out = std::io::Cursor::new(Vec::new());
    writer.write(&mut out, false).ok()?;
    Some(out.into_inner())
}

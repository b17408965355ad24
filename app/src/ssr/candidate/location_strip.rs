//! Stored copies carry no location and nothing else a picture does not need to be shown: every
//! metadata segment or chunk is dropped unless it is on the short list display needs (JFIF,
//! an ICC colour profile, Adobe's colour transform for CMYK; PNG's colour and resolution chunks),
//! wherever it sits in the file. EXIF (which holds GPS), XMP, IPTC, comments, C2PA manifests
//! (APP11) and multi-picture extras all go; only the orientation and resolution a viewer needs
//! are written back as a fresh EXIF block.

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use img_parts::jpeg::Jpeg;
use img_parts::png::Png;
use img_parts::{Bytes, ImageEXIF};

use crate::domain::file_facts::DpiSource;
use crate::domain::jpeg_probe::skip_entropy_coded_data;
use crate::domain::{FileFacts, FileFormat};

/// PNG chunks a viewer needs to draw the picture as intended; everything else is dropped.
const PNG_KEPT_CHUNKS: [[u8; 4]; 11] =
    [*b"IHDR", *b"PLTE", *b"IDAT", *b"IEND", *b"tRNS", *b"gAMA", *b"cHRM", *b"sRGB", *b"iCCP", *b"sBIT", *b"pHYs"];

/// Whether a JPEG segment stays: every non-metadata segment (tables, frames, scans), and of the
/// application segments and comments only those display needs.
fn keeps_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        0xE0 => contents.starts_with(b"JFIF\0"),
        0xE2 => contents.starts_with(b"ICC_PROFILE\0"),
        0xEE => contents.starts_with(b"Adobe"),
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
        _ => true,
    }
}

pub fn strip_location(bytes: Vec<u8>, facts: &FileFacts) -> Result<Vec<u8>, String> {
    let kept_exif = minimal_exif(facts).map(Bytes::from);
    match facts.format {
        FileFormat::Jpeg => {
            let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(|e| e.to_string())?;
            jpeg.segments_mut().retain(|s| keeps_jpeg_segment(s.marker(), s.contents()));
            jpeg.set_exif(kept_exif);
            // img_parts reads segments up to the first scan; what follows it is checked here.
            Ok(filter_after_first_scan(&jpeg.encoder().bytes()))
        }
        FileFormat::Png => {
            let mut png = Png::from_bytes(Bytes::from(bytes)).map_err(|e| e.to_string())?;
            png.chunks_mut().retain(|c| PNG_KEPT_CHUNKS.contains(&c.kind()));
            png.set_exif(kept_exif);
            Ok(png.encoder().bytes().to_vec())
        }
    }
}

/// Drops the metadata segments that follow the first scan (a comment or an APP segment between
/// the scans of a progressive JPEG, or before its end marker), keeping the scans themselves, their
/// tables, and nothing after the end marker. A file it cannot follow is returned unchanged (the
/// full decode has already accepted it).
fn filter_after_first_scan(jpeg: &[u8]) -> Vec<u8> {
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    let length_at = |at: usize| jpeg.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize);
    // Past the headers, up to and including the first scan's header.
    let mut at = 2;
    loop {
        let (Some(0xFF), Some(&marker)) = (jpeg.get(at), jpeg.get(at + 1)) else { return jpeg.to_vec() };
        let Some(length) = length_at(at + 2) else { return jpeg.to_vec() };
        at += 2 + length;
        if marker == SOS {
            break;
        }
    }
    let mut out = jpeg[..at.min(jpeg.len())].to_vec();
    let (mut copied_up_to, mut cursor) = (at, at);
    loop {
        // The scan's data runs to the next marker that is not a stuffed byte, a restart or fill,
        // found as the probe finds it.
        cursor = skip_entropy_coded_data(jpeg, cursor);
        let Some(&marker) = jpeg.get(cursor + 1) else { break };
        out.extend_from_slice(&jpeg[copied_up_to..cursor]);
        if marker == EOI {
            out.extend_from_slice(&[0xFF, EOI]);
            return out;
        }
        let Some(end) = length_at(cursor + 2).map(|length| cursor + 2 + length).filter(|end| *end <= jpeg.len()) else {
            return jpeg.to_vec();
        };
        if keeps_jpeg_segment(marker, &jpeg[cursor + 4..end]) {
            out.extend_from_slice(&jpeg[cursor..end]);
        }
        (copied_up_to, cursor) = (end, end);
    }
    out.extend_from_slice(&jpeg[copied_up_to.min(jpeg.len())..]);
    out
}

/// A fresh EXIF block with only orientation and (where EXIF gave it) resolution, or None when
/// there is nothing worth keeping.
fn minimal_exif(facts: &FileFacts) -> Option<Vec<u8>> {
    let exif_dpi = facts.dpi.filter(|d| d.source == DpiSource::Exif);
    if facts.orientation == 1 && exif_dpi.is_none() {
        return None;
    }
    let mut fields = vec![Field {
        tag: Tag::Orientation,
        ifd_num: In::PRIMARY,
        value: Value::Short(vec![facts.orientation as u16]),
    }];
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

#[cfg(test)]
mod tests {
    use super::{filter_after_first_scan, keeps_jpeg_segment};

    #[test]
    fn display_segments_stay_and_every_other_metadata_segment_goes() {
        assert!(keeps_jpeg_segment(0xE0, b"JFIF\0\x01\x02"));
        assert!(keeps_jpeg_segment(0xE2, b"ICC_PROFILE\0\x01\x01"));
        assert!(keeps_jpeg_segment(0xEE, b"Adobe\0d"));
        assert!(keeps_jpeg_segment(0xDB, b"quantisation table"));
        assert!(!keeps_jpeg_segment(0xE1, b"Exif\0\0"), "EXIF and XMP");
        assert!(!keeps_jpeg_segment(0xE2, b"MPF\0"), "multi-picture extras ride in APP2 too");
        assert!(!keeps_jpeg_segment(0xEB, b"JP\0\0c2pa"), "C2PA manifests (APP11)");
        assert!(!keeps_jpeg_segment(0xED, b"Photoshop 3.0"), "IPTC");
        assert!(!keeps_jpeg_segment(0xFE, b"shot at 39.9N 116.4E"), "comments");
    }

    #[test]
    fn segments_between_and_after_scans_are_filtered_and_scan_data_is_kept() {
        let header = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x03, 0x01, 0xFF, 0xDA, 0x00, 0x03, 0x02];
        let scan = [0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD3, 0x33];
        let comment = [0xFF, 0xFE, 0x00, 0x05, b'g', b'p', b's'];
        let second_tables = [0xFF, 0xC4, 0x00, 0x03, 0x07];
        let second_scan = [0xFF, 0xDA, 0x00, 0x03, 0x04, 0x44];
        let file = [&header[..], &scan, &comment, &second_tables, &second_scan, &[0xFF, 0xD9], b"trailing"].concat();
        let kept = filter_after_first_scan(&file);
        assert_eq!(kept, [&header[..], &scan, &second_tables, &second_scan, &[0xFF, 0xD9]].concat());
    }
}

//! The probe, on real files made by real encoders and then altered.
mod support;

use app::domain::file_facts::{ColorModel, DpiSource};
use app::domain::{picture_alone, FileFacts, FileFormat, ForeignKind, PictureAlone, ProbeError};
use proptest::prelude::*;
use support::*;

#[test]
fn baseline_jpeg_reports_its_size_and_ends_properly() {
    let facts = FileFacts::probe(&jpeg(640, 480)).unwrap();
    assert_eq!(facts.format, FileFormat::Jpeg);
    assert_eq!((facts.width(), facts.height()), (640, 480));
    assert_eq!(facts.color, ColorModel::Rgb);
    assert!(!facts.progressive);
    assert!(facts.ends_properly);
    assert_eq!(facts.trailing_bytes, 0);
    assert_eq!(facts.orientation, 1);
}

#[test]
fn progressive_jpeg_is_walked_through_all_its_scans() {
    let facts = FileFacts::probe(&progressive_jpeg(300, 400)).unwrap();
    assert!(facts.progressive);
    assert_eq!((facts.width(), facts.height()), (300, 400));
    assert!(facts.ends_properly);
    assert_eq!(facts.trailing_bytes, 0);
}

#[test]
fn grayscale_and_cmyk_jpegs_are_distinguished() {
    assert_eq!(FileFacts::probe(&grayscale_jpeg(100, 80)).unwrap().color, ColorModel::Grayscale);
    let cmyk = FileFacts::probe(&cmyk_jpeg(120, 90)).unwrap();
    assert_eq!(cmyk.color, ColorModel::Cmyk);
    assert_eq!((cmyk.width(), cmyk.height()), (120, 90));
}

#[test]
fn png_reports_size_and_end() {
    let facts = FileFacts::probe(&png(33, 44)).unwrap();
    assert_eq!(facts.format, FileFormat::Png);
    assert_eq!((facts.width(), facts.height()), (33, 44));
    assert!(facts.ends_properly);
}

#[test]
fn exif_orientation_six_swaps_displayed_width_and_height() {
    let rotated = jpeg_with_exif(&jpeg(400, 300), ExifSpec { orientation: Some(6), ..Default::default() });
    let facts = FileFacts::probe(&rotated).unwrap();
    assert_eq!(facts.orientation, 6);
    assert_eq!((facts.stored_width, facts.stored_height), (400, 300));
    assert_eq!((facts.width(), facts.height()), (300, 400));
}

#[test]
fn exif_orientation_three_keeps_width_and_height() {
    let upside_down = jpeg_with_exif(&jpeg(400, 300), ExifSpec { orientation: Some(3), ..Default::default() });
    let facts = FileFacts::probe(&upside_down).unwrap();
    assert_eq!((facts.orientation, facts.width(), facts.height()), (3, 400, 300));
}

#[test]
fn dpi_comes_from_jfif_density_first() {
    let facts = FileFacts::probe(&jpeg_with_density(100, 100, Some(300))).unwrap();
    let dpi = facts.dpi.unwrap();
    assert_eq!((dpi.x, dpi.source), (300.0, DpiSource::Jfif));
}

#[test]
fn dpi_falls_back_to_exif_resolution() {
    // The JFIF segment `picture` writes by default has no absolute unit, so EXIF is used.
    let file = jpeg_with_exif(&jpeg(100, 100), ExifSpec { dpi: Some(200), ..Default::default() });
    let dpi = FileFacts::probe(&file).unwrap().dpi.unwrap();
    assert_eq!((dpi.x, dpi.source), (200.0, DpiSource::Exif));
}

#[test]
fn png_dpi_comes_from_phys() {
    let dpi = FileFacts::probe(&png_with_dpi(50, 50, 300)).unwrap().dpi.unwrap();
    assert_eq!(dpi.source, DpiSource::Png);
    assert!((dpi.x - 300.0).abs() < 0.5, "{}", dpi.x);
}

#[test]
fn truncated_jpeg_does_not_end_properly() {
    let file = jpeg(200, 200);
    let facts = FileFacts::probe(&file[..file.len() / 2]).unwrap();
    assert!(!facts.ends_properly);
    assert_eq!((facts.width(), facts.height()), (200, 200));
}

#[test]
fn jpeg_cut_before_its_frame_header_is_malformed() {
    let file = jpeg(200, 200);
    assert!(matches!(FileFacts::probe(&file[..30]), Err(ProbeError::Malformed { format: FileFormat::Jpeg, .. })));
}

#[test]
fn truncated_png_does_not_end_properly() {
    let file = png(200, 200);
    let facts = FileFacts::probe(&file[..file.len() - 20]).unwrap();
    assert!(!facts.ends_properly);
}

#[test]
fn trailing_zip_after_jpeg_is_counted() {
    let file = jpeg(64, 64);
    let polyglot = with_trailing_zip(&file);
    let facts = FileFacts::probe(&polyglot).unwrap();
    assert!(facts.ends_properly);
    assert_eq!(facts.trailing_bytes, (polyglot.len() - file.len()) as u64);
}

/// A JPEG by hand whose scan data holds every kind of 0xFF the probe must step over: a stuffed
/// FF 00, a restart marker, fill bytes before the end marker; then `after` follows the file.
fn hand_made_jpeg(scan_data: &[u8], after: &[u8]) -> Vec<u8> {
    let mut file = vec![0xFF, 0xD8];
    // SOF0: length 11, precision 8, height 2, width 3, one component.
    file.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00]);
    // SOS: length 8, one component, tables, spectral selection and approximation.
    file.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    file.extend_from_slice(scan_data);
    file.extend_from_slice(after);
    file
}

#[test]
fn stuffed_bytes_restart_markers_and_fill_in_the_scan_do_not_end_it() {
    let scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0xFF, 0xFF, 0xD9];
    let facts = FileFacts::probe(&hand_made_jpeg(&scan, b"PK\x03\x04")).unwrap();
    assert_eq!((facts.width(), facts.height()), (3, 2));
    assert!(facts.ends_properly);
    assert_eq!(facts.trailing_bytes, 4);
}

#[test]
fn a_scan_cut_after_an_ff_byte_does_not_end_properly() {
    for scan in [&[0x12, 0xFF, 0x00, 0x34, 0xFF][..], &[0xFF][..], &[0x12, 0xFF, 0xD0][..]] {
        let facts = FileFacts::probe(&hand_made_jpeg(scan, b"")).unwrap();
        assert!(!facts.ends_properly, "scan data {scan:02X?}");
        assert_eq!(facts.trailing_bytes, 0);
    }
}

#[test]
fn trailing_zip_after_png_is_counted() {
    let file = png(64, 64);
    let facts = FileFacts::probe(&with_trailing_zip(&file)).unwrap();
    assert!(facts.trailing_bytes > 0);
}

#[test]
fn png_renamed_to_jpg_is_still_png() {
    // Names never reach the probe: content alone decides.
    assert_eq!(FileFacts::probe(&png(10, 10)).unwrap().format, FileFormat::Png);
}

#[test]
fn empty_file_is_empty() {
    assert_eq!(FileFacts::probe(&[]), Err(ProbeError::Empty));
}

#[test]
fn other_formats_are_named() {
    let cases: [(&[u8], ForeignKind); 7] = [
        (b"RIFF\x10\0\0\0WEBPVP8 ", ForeignKind::WebP),
        (b"GIF89a\x01\0\x01\0", ForeignKind::Gif),
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", ForeignKind::Heif),
        (b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">", ForeignKind::Svg),
        (b"<!DOCTYPE html><html><body>hi</body></html>", ForeignKind::Html),
        (b"%PDF-1.7\n", ForeignKind::Pdf),
        (b"hello", ForeignKind::Unknown),
    ];
    for (bytes, kind) in cases {
        assert_eq!(FileFacts::probe(bytes), Err(ProbeError::Foreign(kind)), "{:?}", String::from_utf8_lossy(bytes));
    }
}

proptest! {
    #[test]
    fn probe_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = FileFacts::probe(&bytes);
    }

    #[test]
    fn probe_never_panics_on_a_jpeg_with_random_bytes_changed(
        edits in proptest::collection::vec((0usize..4000, any::<u8>()), 1..20),
        cut in 0usize..4000,
    ) {
        let mut file = jpeg(48, 32);
        for (at, byte) in edits {
            let at = at % file.len();
            file[at] = byte;
        }
        file.truncate(cut.max(3).min(file.len()));
        let _ = FileFacts::probe(&file);
    }

    #[test]
    fn every_cut_of_a_png_short_of_iend_is_reported_incomplete(cut in 34usize..2000) {
        let file = png(40, 40);
        let cut = cut.min(file.len() - 1);
        let facts = FileFacts::probe(&file[..cut]).unwrap();
        prop_assert!(!facts.ends_properly);
    }
}

#[test]
fn what_follows_a_jpeg_is_cut_off_and_the_picture_judged_alone() {
    let file = jpeg(64, 64);
    let polyglot = with_trailing_zip(&file);
    let alone = picture_alone(&polyglot);
    assert_eq!(alone.bytes, &file[..]);
    assert_eq!(alone.cut_bytes, (polyglot.len() - file.len()) as u64);
    assert!(alone.note_zh().unwrap().contains("动态照片"));
    assert_eq!(FileFacts::probe(alone.bytes).unwrap().trailing_bytes, 0);
}

#[test]
fn a_motion_photos_video_after_the_picture_is_cut_off() {
    // Samsung's layout: the JPEG, a marker, then an MP4 (`ftyp` box first).
    let file = jpeg(80, 60);
    let video = [&b"MotionPhoto_Data"[..], &[0, 0, 0, 24], b"ftypmp42", &[0; 4096]].concat();
    let motion_photo = [&file[..], &video].concat();
    assert_eq!(picture_alone(&motion_photo).bytes, &file[..]);
}

#[test]
fn what_follows_a_png_is_cut_off() {
    let file = png(32, 32);
    assert_eq!(picture_alone(&with_trailing_zip(&file)).bytes, &file[..]);
}

#[test]
fn a_plain_or_truncated_file_is_left_whole() {
    let file = jpeg(64, 64);
    assert_eq!(picture_alone(&file), PictureAlone { bytes: &file, cut_bytes: 0 });
    assert!(picture_alone(&file).note_en().is_none());
    let truncated = &file[..file.len() - 40];
    assert_eq!(picture_alone(truncated).bytes.len(), truncated.len(), "no end marker: nothing to cut at");
}

//! What the reviewer's assistant sees in one stored picture: the advice on how it looks (the same
//! measures the candidate's browser took), the QR code where the category wants one (the same
//! reader), and the perceptual hash that finds the same document handed in by two people. Pure
//! and blocking: run on the blocking pool, under the decode budget.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder};

use crate::domain::picture_quality::{measure, quality_advice, PictureKind, ANALYSIS_SIDE};
use crate::domain::qr_code::{read_qr_code, QR_READING_SIDE};
use crate::domain::ViolationCode;
use crate::ssr::review::picture_likeness::perceptual_hash;

/// What to look for in a picture, from its category.
#[derive(Clone, Copy, Debug)]
pub struct LookFor {
    pub kind: PictureKind,
    pub qr: bool,
}

/// What a QR code said, where one was wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrReading {
    Read(String),
    Unreadable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureAnalysis {
    /// None: the picture could not be decoded (it was when it was stored; a damaged file since).
    pub perceptual_hash: Option<Vec<u8>>,
    /// The looks advice's codes (empty: it looks fine); None when it could not be measured.
    pub looks_advice: Option<Vec<ViolationCode>>,
    /// None where the category wants no QR code.
    pub qr: Option<QrReading>,
}

/// Longest text kept from a QR code: a 学信网 address is under 100 characters; a code's text is
/// shown to the reviewer, never followed.
const QR_TEXT_KEPT: usize = 1000;

pub fn analyse(bytes: &[u8], look_for: LookFor) -> PictureAnalysis {
    let Some(picture) = upright(bytes) else {
        return PictureAnalysis {
            perceptual_hash: None,
            looks_advice: None,
            qr: look_for.qr.then_some(QrReading::Unreadable),
        };
    };
    let small = scaled_down(&picture, ANALYSIS_SIDE).to_rgba8();
    let looks_advice = measure(small.as_raw(), small.width(), small.height())
        .map(|measures| quality_advice(&measures, look_for.kind).into_iter().map(|advice| advice.code).collect());
    let qr = look_for.qr.then(|| {
        let reading = scaled_down(&picture, QR_READING_SIDE).to_rgba8();
        match read_qr_code(reading.as_raw(), reading.width(), reading.height()) {
            Some(text) => QrReading::Read(text.chars().take(QR_TEXT_KEPT).collect()),
            None => QrReading::Unreadable,
        }
    });
    PictureAnalysis {
        perceptual_hash: Some(perceptual_hash(&DynamicImage::ImageRgba8(small))),
        looks_advice,
        qr,
    }
}

/// The picture as the candidate saw it: decoded, turned as its EXIF orientation says (the
/// browser draws it upright too).
fn upright(bytes: &[u8]) -> Option<DynamicImage> {
    let mut decoder = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?.into_decoder().ok()?;
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).ok()?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    Some(picture)
}

/// At most `long_side` on the long side, never enlarged (as the browser's `picture_pixels`).
fn scaled_down(picture: &DynamicImage, long_side: u32) -> DynamicImage {
    let (w, h) = (picture.width().max(1), picture.height().max(1));
    if w.max(h) <= long_side {
        return picture.clone();
    }
    let scale = f64::from(long_side) / f64::from(w.max(h));
    let size = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
    picture.resize_exact(size.0, size.1, FilterType::Triangle)
}

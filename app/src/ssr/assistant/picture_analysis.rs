//! What the reviewer's assistant sees in one stored picture: the advice on how it looks (the same
//! measures the candidate's browser took), the QR code where the category wants one (the same
//! reader), the perceptual hash that finds the same document handed in by two people, and on an
//! ID card's front the number (tesseract, bounded in time), on a record that prints one the
//! diploma's 证书编号. Blocking: run on the blocking pool, under the decode budget.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::NaiveDate;
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageDecoder};
use picture_checks::document_hash::document_hash;
use picture_checks::document_number::read_document_number;
use picture_checks::id_card::{read_id_number, Reading};
use picture_checks::number_line_fit::line_crops;
use picture_checks::number_reading::{read_number, Agreement};
use picture_checks::page_layout::{self, PageMarks};
use picture_checks::verification_end::read_verification_end;

use crate::domain::diploma_level::level_of_national_number;
use crate::domain::face_finder::{FaceFinder, FACE_SIDE};
use crate::domain::face_frame::FaceFrame;
use crate::domain::face_geometry::{face_advice, HeadPlace};
use crate::domain::picture_pixels::scaled_size;
use crate::domain::picture_quality::{measure, quality_advice, PictureKind, PictureLook, ANALYSIS_SIDE};
use crate::domain::qr_code::{read_qr_code, CodeTarget, QR_READING_SIDE};
use crate::domain::{IdNumber, IdType, ViolationCode};

/// What to look for in a picture, from its category.
#[derive(Clone, Debug)]
pub struct LookFor {
    pub look: PictureLook,
    pub qr: bool,
    /// On an ID card's front: the number to read.
    pub id_number: Option<IdNumberCheck>,
    /// On a record that prints a diploma's 证书编号: how to read it.
    pub diploma_number: Option<DiplomaNumberCheck>,
    /// Where a QR code is wanted: the tesseract that reads the last day of a 学信网 record's online
    /// verification, where its code leads to 学信网 and the page prints the day.
    pub verification_end: Option<PathBuf>,
}

/// What a diploma's 证书编号 is told from on a record that prints its holder's ID number too: both
/// are 18 digits.
#[derive(Clone, Debug)]
pub struct DiplomaNumberCheck {
    /// The account's ID number: a read of the record's 证件号码 line, exact or a digit or two off,
    /// is never taken for the 证书编号.
    pub holder_id_number: Option<String>,
    pub tesseract: PathBuf,
}

/// The account's number to compare the card's with, and the tesseract to read it with.
#[derive(Clone, Debug)]
pub struct IdNumberCheck {
    pub account: String,
    pub tesseract: PathBuf,
}

/// What the card's number is, against the account's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNumberReading {
    Matches,
    /// A valid number (check digit and all), and another one.
    Differs(String),
    /// Nothing read that passes the check: never called "differs".
    Unreadable,
    /// Tesseract failed or ran out of time: nothing is known yet (tried again later).
    Unfinished,
}

/// The longest the number's reading may take (about 0.6 s a card on two shared cores, 2.6 s the
/// worst of 240; `./scripts/bench-id-ocr.sh`).
const ID_READING_TIME: Duration = Duration::from_secs(10);

/// What a QR code said, where one was wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrReading {
    Read(String),
    Unreadable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PictureAnalysis {
    /// None: the picture could not be decoded (it was when it was stored; a damaged file since).
    pub perceptual_hash: Option<Vec<u8>>,
    /// The looks advice's codes (empty: it looks fine); None when it could not be measured.
    pub looks_advice: Option<Vec<ViolationCode>>,
    /// On an ID photo with exactly one face: where its head sits, for the review screen's numbers.
    pub face_place: Option<HeadPlace>,
    /// None where the category wants no QR code.
    pub qr: Option<QrReading>,
    /// None where no number is read.
    pub id_number: Option<IdNumberReading>,
    /// The 证书编号, where the category prints one.
    pub diploma_number: Option<Reading>,
    /// The last day of a 学信网 record's online verification, where it reads.
    pub verification_ends_on: Option<NaiveDate>,
    /// Hex SHA-256 of the stored bytes, which the candidate's advice receipts name; None when the
    /// file was not there to read.
    pub sha256: Option<String>,
}

/// Longest text kept from a QR code: a 学信网 address is under 100 characters; a code's text is
/// shown to the reviewer, never followed.
const QR_TEXT_KEPT: usize = 1000;

impl PictureAnalysis {
    /// What a picture that could not be looked at shows: nothing measured, nothing read.
    pub fn nothing_seen(look_for: &LookFor) -> PictureAnalysis {
        PictureAnalysis {
            perceptual_hash: None,
            looks_advice: None,
            face_place: None,
            qr: look_for.qr.then_some(QrReading::Unreadable),
            id_number: look_for.id_number.as_ref().map(|_| IdNumberReading::Unreadable),
            diploma_number: look_for.diploma_number.as_ref().map(|_| Reading::Unreadable),
            verification_ends_on: None,
            sha256: None,
        }
    }
}

/// Looks at the picture; a decoder or reader that gives up on hostile bytes by panicking leaves
/// nothing seen, never a picture looked at again and again.
pub fn analyse(bytes: &[u8], look_for: LookFor) -> PictureAnalysis {
    use sha2::Digest as _;
    let analysis = on_upright(bytes, |picture| analyse_upright(picture, &look_for))
        .unwrap_or_else(|| PictureAnalysis::nothing_seen(&look_for));
    let sha256 = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    PictureAnalysis { sha256: Some(sha256), ..analysis }
}

fn analyse_upright(picture: &DynamicImage, look_for: &LookFor) -> PictureAnalysis {
    let small = scaled_down(picture, ANALYSIS_SIDE).to_rgba8();
    let face = (look_for.look.kind == PictureKind::Portrait).then(|| face_found(picture, look_for.look.face));
    let looks_advice = measure(small.as_raw(), small.width(), small.height()).map(|measures| {
        let mut advice: Vec<ViolationCode> =
            quality_advice(&measures, look_for.look).into_iter().map(|advice| advice.code).collect();
        advice.extend(face.iter().flat_map(|(codes, _)| codes.iter().copied()));
        advice
    });
    let qr = look_for.qr.then(|| {
        let reading = scaled_down(picture, QR_READING_SIDE).to_rgba8();
        match read_qr_code(reading.as_raw(), reading.width(), reading.height()) {
            Some(text) => QrReading::Read(text.chars().take(QR_TEXT_KEPT).collect()),
            None => QrReading::Unreadable,
        }
    });
    let id_number = look_for.id_number.as_ref().map(|check| read_card_number(picture, check));
    let diploma_number = look_for.diploma_number.as_ref().map(|check| read_diploma_number(picture, check));
    let verification_ends_on = match (&qr, &look_for.verification_end) {
        (Some(QrReading::Read(text)), Some(tesseract))
            if matches!(CodeTarget::of(text), CodeTarget::XuexinReport { .. }) =>
        {
            verification_end(picture, tesseract)
        }
        _ => None,
    };
    PictureAnalysis {
        perceptual_hash: Some(document_hash(picture)),
        looks_advice,
        face_place: face.and_then(|(_, place)| place),
        qr,
        id_number,
        diploma_number,
        verification_ends_on,
        sha256: None,
    }
}

/// The card's number, accepted only as an account's number is (GB 11643: province, birth date,
/// check digit).
/// The face detector with the model the browser fetches (`public/face/`), read once.
static FACE_FINDER: LazyLock<Option<FaceFinder>> = LazyLock::new(|| {
    FaceFinder::from_model(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/face/seeta_fd_frontal_v1.0.bin"
    )))
});

/// An ID photo's face advice, as the candidate's browser gave it: the same detector on the picture
/// drawn at the same size, the same frame.
/// The face advice's codes, as the candidate's browser gives them, and where the head sits when
/// exactly one face is found.
fn face_found(picture: &DynamicImage, frame: FaceFrame) -> (Vec<ViolationCode>, Option<HeadPlace>) {
    let Some(finder) = FACE_FINDER.as_ref() else { return (Vec::new(), None) };
    let drawn = scaled_down(picture, FACE_SIDE).to_rgba8();
    let (width, height) = (drawn.width(), drawn.height());
    let faces = finder.find(drawn.as_raw(), width, height);
    let codes = face_advice(&faces, width, height, &frame).into_iter().map(|advice| advice.code).collect();
    let place = match faces.as_slice() {
        [face] => Some(HeadPlace::of(face, f64::from(width), f64::from(height))),
        _ => None,
    };
    (codes, place)
}

fn read_card_number(picture: &DynamicImage, check: &IdNumberCheck) -> IdNumberReading {
    let accept = |text: &str| IdNumber::parse(IdType::ResidentId, text).ok().map(|n| n.as_str().to_string());
    match read_id_number(picture, &check.tesseract, ID_READING_TIME, &accept) {
        Reading::Read(number) if number == check.account => IdNumberReading::Matches,
        Reading::Read(number) => IdNumberReading::Differs(number),
        Reading::Unreadable => IdNumberReading::Unreadable,
        Reading::Unfinished => IdNumberReading::Unfinished,
    }
}

/// The card's number on the stored picture, read again (its first reading was not finished); a
/// picture that can no longer be decoded, or whose reading panics on hostile bytes, is
/// unreadable for good.
pub fn card_number(bytes: &[u8], check: &IdNumberCheck) -> IdNumberReading {
    on_upright(bytes, |picture| read_card_number(picture, check)).unwrap_or(IdNumberReading::Unreadable)
}

/// The longest reading a record's page in Chinese may take (a sparse A4 page at 200 DPI read in
/// 0.43 s; docs/benchmarks.md, "The 证书编号 and the verification's last day on a 备案表").
const VERIFICATION_END_READING_TIME: Duration = Duration::from_secs(20);

/// The last day of the record's online verification as printed, where it reads as a day.
fn verification_end(picture: &DynamicImage, tesseract: &Path) -> Option<NaiveDate> {
    let printed = read_verification_end(picture, tesseract, VERIFICATION_END_READING_TIME)?;
    NaiveDate::from_ymd_opt(printed.year.into(), printed.month.into(), printed.day.into())
}

/// The longest the 证书编号's reading may take: as a document number's (below).
const DIPLOMA_NUMBER_READING_TIME: Duration = Duration::from_secs(10);

/// The diploma's 证书编号 on a record: 18 digits with a level's code at 11–12
/// (`level_of_national_number`), and no ID number — neither one that passes the GB 11643 check
/// (the record's 证件号码 line, whoever's it is) nor a misread of the holder's. Such numbers carry
/// no check digit, so the first two reads must agree.
fn read_diploma_number(picture: &DynamicImage, check: &DiplomaNumberCheck) -> Reading {
    let accept = |read: &str| taken_as_diploma_number(read, check.holder_id_number.as_deref());
    read_number(picture, &check.tesseract, DIPLOMA_NUMBER_READING_TIME, &accept, Agreement::FirstTwo, &mut |_, _| {})
}

/// `read` as a 证书编号, or None where it cannot be one or may be an ID number.
fn taken_as_diploma_number(read: &str, holder_id_number: Option<&str>) -> Option<String> {
    let an_id_number = IdNumber::parse(IdType::ResidentId, read).is_ok()
        || holder_id_number.is_some_and(|holder| digits_apart(holder, read) <= 2);
    (level_of_national_number(read).is_some() && !an_id_number).then(|| read.to_string())
}

/// How many places two numbers of one length differ in (more than any when their lengths differ).
fn digits_apart(one: &str, other: &str) -> usize {
    if one.len() != other.len() {
        return usize::MAX;
    }
    one.bytes().zip(other.bytes()).filter(|(a, b)| a != b).count()
}

/// The 证书编号 on the stored record, read again (its first reading was not finished); a picture
/// that can no longer be decoded, or whose reading panics on hostile bytes, is unreadable for good.
pub fn diploma_number(bytes: &[u8], check: &DiplomaNumberCheck) -> Reading {
    on_upright(bytes, |picture| read_diploma_number(picture, check)).unwrap_or(Reading::Unreadable)
}

/// The longest the document number's reading may take (`./scripts/bench-picture-hashes.sh`: about
/// 0.6 s a certificate, most of a second on a blurred one that cannot be read).
const DOCUMENT_NUMBER_READING_TIME: Duration = Duration::from_secs(10);

/// The number the document in the picture is known by (`picture_checks::document_number`), read
/// with the tesseract at `tesseract`; unreadable too when the picture cannot be decoded or its
/// reader panics on hostile bytes.
pub fn document_number(bytes: &[u8], tesseract: &Path) -> Reading {
    on_upright(bytes, |picture| read_document_number(picture, tesseract, DOCUMENT_NUMBER_READING_TIME))
        .unwrap_or(Reading::Unreadable)
}

/// The picture's likeliest lines of digits, straightened (`picture_checks::number_line_fit`), to
/// compare a number too blurred to read with one that was; None when the picture cannot be
/// decoded or the line finder panics on hostile bytes.
pub fn number_lines(bytes: &[u8]) -> Option<Vec<GrayImage>> {
    on_upright(bytes, line_crops)
}

/// The marks of the paper in the picture, small (`picture_checks::page_layout`), to tell two
/// layouts apart; None when the picture cannot be decoded or the paper finder panics on hostile
/// bytes.
pub fn page_marks(bytes: &[u8]) -> Option<PageMarks> {
    on_upright(bytes, page_layout::page_marks)
}

/// `look` at the picture upright; None when it cannot be decoded, or when the decoder or `look`
/// panics on hostile bytes.
fn on_upright<T>(bytes: &[u8], look: impl FnOnce(&DynamicImage) -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| upright(bytes).map(|picture| look(&picture))))
        .ok()
        .flatten()
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
    let (width, height) = scaled_size(picture.width(), picture.height(), long_side);
    if (width, height) == (picture.width(), picture.height()) {
        return picture.clone();
    }
    picture.resize_exact(width, height, FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLDER: &str = "110105199001051234";

    fn example(name: &str) -> DynamicImage {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../exams/examples/");
        image::open(format!("{path}{name}")).unwrap()
    }

    fn face_codes(picture: &DynamicImage) -> Vec<ViolationCode> {
        face_found(picture, FaceFrame::default()).0
    }

    /// `photo` scaled to `height` and laid on a wall of `size` with its left edge at `left`.
    fn on_a_wall(photo: &DynamicImage, size: (u32, u32), placed: &[(u32, u32)], height: u32) -> DynamicImage {
        let scaled = photo.resize(u32::MAX, height, FilterType::Triangle);
        let mut wall = image::RgbaImage::from_pixel(size.0, size.1, image::Rgba([236, 234, 228, 255]));
        for &(left, top) in placed {
            image::imageops::overlay(&mut wall, &scaled.to_rgba8(), i64::from(left), i64::from(top));
        }
        DynamicImage::ImageRgba8(wall)
    }

    #[test]
    fn the_example_id_photos_have_one_face_where_the_published_rule_wants_it() {
        assert_eq!(face_codes(&example("id-photo-white.jpg")), Vec::<ViolationCode>::new());
        assert_eq!(face_codes(&example("id-photo-blue.jpg")), Vec::<ViolationCode>::new());
    }

    #[test]
    fn a_document_has_no_face_and_two_people_are_two_faces() {
        assert_eq!(face_codes(&example("diploma.jpg")), vec![ViolationCode::FaceNotFound]);
        let photo = example("id-photo-white.jpg");
        let two = on_a_wall(&photo, (1600, 1200), &[(100, 100), (850, 100)], 900);
        assert_eq!(face_codes(&two), vec![ViolationCode::SeveralFaces]);
    }

    #[test]
    fn a_phone_selfie_with_a_small_head_off_centre_is_told_so() {
        // 3000 × 4000, as a 12 MP phone takes it: the head a quarter of the height, to the left.
        let selfie = on_a_wall(&example("id-photo-white.jpg"), (3000, 4000), &[(300, 500)], 1300);
        assert_eq!(
            face_codes(&selfie),
            vec![ViolationCode::HeadTooSmall, ViolationCode::EyesTooHigh, ViolationCode::FaceOffCentre]
        );
    }

    #[test]
    fn a_diploma_number_is_taken_and_no_id_number_is() {
        assert_eq!(taken_as_diploma_number("104231201205001234", Some(HOLDER)).as_deref(), Some("104231201205001234"));
        assert_eq!(taken_as_diploma_number(HOLDER, Some(HOLDER)), None, "the record's 证件号码 line");
        assert_eq!(taken_as_diploma_number("110105199001051294", Some(HOLDER)), None, "the same line misread");
        assert_eq!(taken_as_diploma_number(HOLDER, None), None, "a valid ID number, whoever's");
        assert_eq!(taken_as_diploma_number("104231201209001234", Some(HOLDER)), None, "09 is no level");
        assert_eq!(taken_as_diploma_number("10423120120500123", Some(HOLDER)), None, "17 digits");
    }
}

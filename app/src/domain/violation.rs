//! One broken rule: a stable code for programs and a sentence for people, in both languages,
//! stating the actual value and the limit.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationCode {
    EmptyFile,
    NotAPicture,
    FormatNotAllowed,
    Malformed,
    Truncated,
    TrailingData,
    FileTooSmall,
    FileTooLarge,
    WidthTooSmall,
    HeightTooSmall,
    AspectMismatch,
    DpiTooLow,
    DpiMissing,
    TooManyPixels,
    TooManyFiles,
    /// Only the server finds this one: the full decode failed.
    Undecodable,
    /// Advice on how the picture looks (`picture_quality`), found in the browser.
    PictureBlurred,
    PictureTooDark,
    PictureWashedOut,
    BackgroundNotPlain,
    PageNearlyBlank,
    /// A category that wants a readable QR code (`qr_code`), and none was read.
    QrUnreadable,
    /// Advice on the face in an ID photo (`face_geometry`), found in the browser and on the server.
    FaceNotFound,
    SeveralFaces,
    HeadTooSmall,
    HeadTooLarge,
    EyesTooHigh,
    EyesTooLow,
    FaceOffCentre,
}

impl ViolationCode {
    /// The code `as_str` wrote (its serde name, the same words), e.g. as a stored finding keeps it.
    pub fn parse(code: &str) -> Option<ViolationCode> {
        serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ViolationCode::EmptyFile => "empty_file",
            ViolationCode::NotAPicture => "not_a_picture",
            ViolationCode::FormatNotAllowed => "format_not_allowed",
            ViolationCode::Malformed => "malformed",
            ViolationCode::Truncated => "truncated",
            ViolationCode::TrailingData => "trailing_data",
            ViolationCode::FileTooSmall => "file_too_small",
            ViolationCode::FileTooLarge => "file_too_large",
            ViolationCode::WidthTooSmall => "width_too_small",
            ViolationCode::HeightTooSmall => "height_too_small",
            ViolationCode::AspectMismatch => "aspect_mismatch",
            ViolationCode::DpiTooLow => "dpi_too_low",
            ViolationCode::DpiMissing => "dpi_missing",
            ViolationCode::TooManyPixels => "too_many_pixels",
            ViolationCode::TooManyFiles => "too_many_files",
            ViolationCode::Undecodable => "undecodable",
            ViolationCode::PictureBlurred => "picture_blurred",
            ViolationCode::PictureTooDark => "picture_too_dark",
            ViolationCode::PictureWashedOut => "picture_washed_out",
            ViolationCode::BackgroundNotPlain => "background_not_plain",
            ViolationCode::PageNearlyBlank => "page_nearly_blank",
            ViolationCode::QrUnreadable => "qr_unreadable",
            ViolationCode::FaceNotFound => "face_not_found",
            ViolationCode::SeveralFaces => "several_faces",
            ViolationCode::HeadTooSmall => "head_too_small",
            ViolationCode::HeadTooLarge => "head_too_large",
            ViolationCode::EyesTooHigh => "eyes_too_high",
            ViolationCode::EyesTooLow => "eyes_too_low",
            ViolationCode::FaceOffCentre => "face_off_centre",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub code: ViolationCode,
    pub message_zh: String,
    pub message_en: String,
}

impl Violation {
    pub fn new(code: ViolationCode, message_zh: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self { code, message_zh: message_zh.into(), message_en: message_en.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::ViolationCode;

    #[test]
    fn a_code_reads_back_as_written() {
        for code in [
            ViolationCode::PictureBlurred,
            ViolationCode::PageNearlyBlank,
            ViolationCode::QrUnreadable,
            ViolationCode::FaceOffCentre,
        ] {
            assert_eq!(ViolationCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ViolationCode::parse("no_such_rule"), None);
    }
}

//! What the reviewer's assistant prepared about one picture, as the desk shows it beside the
//! picture (issue 34): facts, never a decision.

use serde::{Deserialize, Serialize};

use crate::domain::qr_code::CodeTarget;
use crate::domain::ViolationCode;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PictureFindings {
    /// The looks advice the candidate's browser gave before sending, measured again by the
    /// server; empty: it looks fine. None: the picture could not be measured.
    pub looks: Option<Vec<ViolationCode>>,
    /// Where the category wants a QR code.
    pub qr: Option<QrFinding>,
    /// Other candidates' pictures of what looks like the same document.
    pub alike: Vec<AlikePicture>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QrFinding {
    Read { text: String, target: CodeTarget },
    Unreadable,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlikePicture {
    /// Differing bits of the two perceptual hashes (0: the same picture).
    pub distance: u32,
    /// The other application, only when the reviewer may review it too; otherwise the fact alone.
    pub other: Option<AlikeApplication>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlikeApplication {
    pub application_id: i32,
    /// The family name and an ellipsis ("王…"): enough to tell two people apart on the desk.
    pub name_start: String,
    pub exam_code: String,
    /// The other picture, to see side by side.
    pub image_url: String,
}

impl PictureFindings {
    /// Whether anything here wants the reviewer's eye.
    pub fn has_any(&self) -> bool {
        self.looks.as_ref().is_some_and(|l| !l.is_empty())
            || matches!(self.qr, Some(QrFinding::Unreadable) | Some(QrFinding::Read { target: CodeTarget::Other, .. }))
            || !self.alike.is_empty()
    }
}

/// A kind of finding, as the queue shows it on a row and filters by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FindingKind {
    QrUnreadable,
    /// A code was read, and it is not a 学信网 report's address.
    QrElsewhere,
    /// Looks advice: blurred, dark, washed out, background, nearly blank.
    Looks,
    /// Another candidate handed in a picture of the same document.
    SameDocument,
}

impl FindingKind {
    pub const ALL: [FindingKind; 4] =
        [FindingKind::QrUnreadable, FindingKind::QrElsewhere, FindingKind::Looks, FindingKind::SameDocument];

    pub fn key(self) -> &'static str {
        match self {
            FindingKind::QrUnreadable => "qr_unreadable",
            FindingKind::QrElsewhere => "qr_elsewhere",
            FindingKind::Looks => "looks",
            FindingKind::SameDocument => "same_document",
        }
    }

    /// A badge's words (Chinese, English).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::QrUnreadable => ("二维码未识别", "QR unreadable"),
            FindingKind::QrElsewhere => ("二维码非学信网", "QR not 学信网"),
            FindingKind::Looks => ("照片提示", "Picture advice"),
            FindingKind::SameDocument => ("与他人材料相似", "Like another's"),
        }
    }
}

/// Which applications the queue lists by what the assistant found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingFilter {
    #[default]
    Any,
    /// Every picture looked at, nothing found: approved at a glance.
    Nothing,
    /// At least one finding of this kind.
    Kind(FindingKind),
}

impl FindingFilter {
    /// The value of the filter's `<select>`.
    pub fn key(self) -> &'static str {
        match self {
            FindingFilter::Any => "any",
            FindingFilter::Nothing => "nothing",
            FindingFilter::Kind(kind) => kind.key(),
        }
    }

    pub fn from_key(key: &str) -> FindingFilter {
        match key {
            "nothing" => FindingFilter::Nothing,
            key => FindingKind::ALL.into_iter().find(|k| k.key() == key).map_or(FindingFilter::Any, FindingFilter::Kind),
        }
    }
}

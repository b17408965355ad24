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

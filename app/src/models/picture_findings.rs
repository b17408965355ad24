//! What the reviewer's assistant prepared about one picture, as the review screen shows it beside the
//! picture (issue 34): facts, never a decision.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::face_frame::FaceFrame;
use crate::domain::face_geometry::HeadPlace;
use crate::domain::qr_code::CodeTarget;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ViolationCode;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PictureFindings {
    /// The looks advice the candidate's browser gave before sending, measured again by the
    /// server; empty: it looks fine. None: the picture could not be measured.
    pub looks: Option<Vec<ViolationCode>>,
    /// The candidate's browser reported showing looks advice about this very file (its SHA-256)
    /// before it was sent: the candidate overrode it. False: no such report (an old page, or
    /// chosen offline).
    pub looks_shown_to_candidate: bool,
    /// On an ID photo with exactly one face: where its head sits, against the exam's frame.
    pub face: Option<FaceFact>,
    /// Where the category wants a QR code.
    pub qr: Option<QrFinding>,
    /// On an ID card's front, and on a record that prints its holder's: the number read, against
    /// the account's.
    pub id_number: Option<NumberFinding>,
    /// On a record that prints a diploma's 证书编号: the number read, against the candidate's
    /// 高等教育学历 rows.
    pub diploma_number: Option<NumberFinding>,
    /// Other candidates' pictures of what looks like the same document.
    pub alike: Vec<AlikePicture>,
    /// On a 学信网 record that prints it: the last day of its online verification.
    pub verification_end: Option<VerificationEnd>,
}

/// Where the head in an ID photo sits, as the candidate's browser measured it before sending,
/// measured again by the server, and the frame the exam wants it in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaceFact {
    pub place: HeadPlace,
    pub frame: FaceFrame,
}

/// The last day of a 学信网 record's online verification as the page prints it (seed 004 asks for
/// 180 days), against the close of the exam's review: a record whose verification ends first
/// may no longer verify while it is reviewed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerificationEnd {
    /// The close of the printed day.
    pub ends: ChinaTime,
    pub review_closes: ChinaTime,
    pub ends_first: bool,
}

impl PictureFindings {
    /// What on this picture is worth the reviewer's look, named as the queue's badges name it;
    /// empty when everything the machine checked looks fine.
    pub fn kinds(&self) -> Vec<FindingKind> {
        let mut kinds = Vec::new();
        match &self.qr {
            Some(QrFinding::Unreadable) => kinds.push(FindingKind::QrUnreadable),
            Some(QrFinding::Read { target: CodeTarget::Other, .. }) => kinds.push(FindingKind::QrElsewhere),
            _ => {}
        }
        if self.looks.as_ref().is_some_and(|codes| !codes.is_empty()) {
            kinds.push(FindingKind::Looks);
        }
        if !self.alike.is_empty() {
            kinds.push(FindingKind::SameDocument);
        }
        match &self.id_number {
            Some(NumberFinding::Differs { .. }) => kinds.push(FindingKind::IdNumberDiffers),
            Some(NumberFinding::Unreadable) => kinds.push(FindingKind::IdNumberUnreadable),
            _ => {}
        }
        match &self.diploma_number {
            Some(NumberFinding::Differs { .. }) => kinds.push(FindingKind::DiplomaNumberDiffers),
            Some(NumberFinding::Unreadable) => kinds.push(FindingKind::DiplomaNumberUnreadable),
            _ => {}
        }
        kinds
    }
}

/// A number read off the picture against the one it should be. 证件号码识别: only a number with a
/// valid check digit equal to the account's is "matches"; 证书编号: a number two reads agreed on,
/// one of the rows' or not. A misread is "unreadable", never "differs".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NumberFinding {
    Matches,
    Differs {
        read: String,
    },
    Unreadable,
    /// Tesseract failed or ran out of time: not known yet, tried again later.
    Unfinished,
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
    /// The two files are the same, byte for byte (their SHA-256s): not a likeness but one file
    /// handed in by two people.
    pub same_file: bool,
    /// The two pictures' document numbers as the assistant read them; None where it read neither
    /// (no tesseract here, or a category whose numbers are not read).
    pub numbers: Option<NumbersRead>,
    /// The other application, only when the reviewer may review it too; otherwise the fact alone.
    pub other: Option<AlikeApplication>,
}

/// The document numbers (a certificate's 证书编号) of two pictures no look distinguished: what is
/// left for the reviewer to compare by eye. Two numbers read differently are two documents, and
/// such a pair is never shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NumbersRead {
    /// Both pictures read as this number: most likely one paper handed in twice.
    Same(String),
    /// This picture's number read; none was read on the other (most often a blurred photo; or
    /// a page without a number).
    OnlyThis(String),
    /// The other picture's number read, this one's did not. The number itself only for a reviewer
    /// who may review the other application.
    OnlyOther(Option<String>),
    /// No number read on either picture.
    Neither,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlikeApplication {
    pub application_id: ApplicationId,
    /// The family name and an ellipsis ("王…"): enough to tell two people apart on the review screen.
    pub name_start: String,
    pub exam_code: ExamCode,
    /// The other picture, to see side by side.
    pub file_url: String,
}

/// A kind of finding, as the queue shows it on a row and filters by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FindingKind {
    QrUnreadable,
    /// A code was read, and it is not a 学信网 report's address.
    QrElsewhere,
    /// Looks advice: blurred, dark, washed out, background, nearly blank; an ID photo's face.
    Looks,
    /// Another candidate handed in a picture of the same document.
    SameDocument,
    /// The ID card's number is another valid number than the account's.
    IdNumberDiffers,
    /// No valid number could be read off the ID card.
    IdNumberUnreadable,
    /// The record's 证书编号 is none of the numbers in the 高等教育学历 rows.
    DiplomaNumberDiffers,
    /// No 证书编号 could be read off the record.
    DiplomaNumberUnreadable,
}

impl FindingKind {
    pub const ALL: [FindingKind; 8] = [
        FindingKind::QrUnreadable,
        FindingKind::QrElsewhere,
        FindingKind::Looks,
        FindingKind::SameDocument,
        FindingKind::IdNumberDiffers,
        FindingKind::IdNumberUnreadable,
        FindingKind::DiplomaNumberDiffers,
        FindingKind::DiplomaNumberUnreadable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FindingKind::QrUnreadable => "qr_unreadable",
            FindingKind::QrElsewhere => "qr_elsewhere",
            FindingKind::Looks => "looks",
            FindingKind::SameDocument => "same_document",
            FindingKind::IdNumberDiffers => "id_number_differs",
            FindingKind::IdNumberUnreadable => "id_number_unreadable",
            FindingKind::DiplomaNumberDiffers => "diploma_number_differs",
            FindingKind::DiplomaNumberUnreadable => "diploma_number_unreadable",
        }
    }

    /// A badge's words (Chinese, English).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::QrUnreadable => ("二维码未识别", "QR unreadable"),
            FindingKind::QrElsewhere => ("二维码非学信网", "QR not 学信网"),
            FindingKind::Looks => ("照片提示", "Picture advice"),
            FindingKind::SameDocument => ("与他人材料相似", "Like another's"),
            FindingKind::IdNumberDiffers => ("证件号码不一致", "ID number differs"),
            FindingKind::IdNumberUnreadable => ("证件号码未识别", "ID number unread"),
            FindingKind::DiplomaNumberDiffers => ("证书编号与所填不符", "Diploma no. differs"),
            FindingKind::DiplomaNumberUnreadable => ("证书编号未识别", "Diploma no. unread"),
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
            key => {
                FindingKind::ALL.into_iter().find(|k| k.key() == key).map_or(FindingFilter::Any, FindingFilter::Kind)
            }
        }
    }
}

/// One pair on the administrators' report of the same document handed in by two people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimilarPair {
    pub one: PairSide,
    pub other: PairSide,
    /// Differing bits of the two perceptual hashes.
    pub distance: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairSide {
    /// None: the candidate has no application in that exam any more.
    pub application_id: Option<ApplicationId>,
    pub candidate_name: String,
    pub exam_code: ExamCode,
    /// The picture's category by its names in the exam (its code where the exam no longer has it).
    pub category_zh: String,
    pub category_en: String,
    pub file_url: String,
    /// The document number the assistant read on the picture, if it read one.
    pub number: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing_found() -> PictureFindings {
        PictureFindings {
            looks: Some(vec![]),
            looks_shown_to_candidate: false,
            face: None,
            qr: None,
            id_number: Some(NumberFinding::Matches),
            diploma_number: Some(NumberFinding::Matches),
            alike: vec![],
            verification_end: None,
        }
    }

    #[test]
    fn a_picture_that_looks_fine_and_matches_its_account_needs_no_look() {
        assert_eq!(nothing_found().kinds(), vec![]);
        let xuexin = QrFinding::Read { text: "x".into(), target: CodeTarget::XuexinReport { vcode: "A".into() } };
        assert_eq!(PictureFindings { qr: Some(xuexin), ..nothing_found() }.kinds(), vec![]);
    }

    #[test]
    fn each_thing_worth_a_look_is_named_as_the_queue_names_it() {
        let everything = PictureFindings {
            looks: Some(vec![ViolationCode::PictureBlurred]),
            looks_shown_to_candidate: true,
            face: None,
            qr: Some(QrFinding::Read { text: "https://example.net".into(), target: CodeTarget::Other }),
            id_number: Some(NumberFinding::Differs { read: "110101199003071233".into() }),
            diploma_number: Some(NumberFinding::Differs { read: "104231201205001234".into() }),
            alike: vec![AlikePicture { distance: 3, same_file: false, numbers: None, other: None }],
            verification_end: None,
        };
        assert_eq!(
            everything.kinds(),
            vec![
                FindingKind::QrElsewhere,
                FindingKind::Looks,
                FindingKind::SameDocument,
                FindingKind::IdNumberDiffers,
                FindingKind::DiplomaNumberDiffers
            ]
        );
        let unread = PictureFindings {
            qr: Some(QrFinding::Unreadable),
            id_number: Some(NumberFinding::Unreadable),
            diploma_number: Some(NumberFinding::Unreadable),
            ..nothing_found()
        };
        assert_eq!(
            unread.kinds(),
            vec![FindingKind::QrUnreadable, FindingKind::IdNumberUnreadable, FindingKind::DiplomaNumberUnreadable]
        );
    }
}

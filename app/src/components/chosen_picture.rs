//! What is judged of a chosen file: the picture alone (`domain::picture_alone` cuts a motion
//! photo's video and the like), or — for a HEIC photo on a browser that can decode it — the same
//! photo made a JPEG here, since no rule accepts HEIC. Each says what was done to the file.
//! Several files chosen at once are judged one by one, in the order they will be sent.

use std::sync::Arc;

use crate::client::{convert_to_jpeg, ChosenFile};
use crate::components::judged_file::Judged;
use crate::domain::chosen_together::{beyond_the_maximum, sending_order};
use crate::domain::sniff::{sniff, Sniffed};
use crate::domain::{judge_for_category, picture_alone, CategoryDefinition, ForeignKind};

/// The files of one choice, judged in the order they will be sent (`chosen_together`): each as
/// a single file is, with the category's maximum counting the accepted files ahead of it.
pub async fn judge_choice(files: Vec<ChosenFile>, category: &CategoryDefinition, already_uploaded: u32) -> Vec<Judged> {
    let order = sending_order(&files.iter().map(|file| file.name.as_str()).collect::<Vec<_>>());
    let mut files: Vec<Option<ChosenFile>> = files.into_iter().map(Some).collect();
    let mut judged = Vec::with_capacity(files.len());
    let mut accepted_before = 0;
    for index in order {
        let Some(file) = files[index].take() else { continue };
        let picture = chosen_picture(&file.bytes).await;
        let mut verdict = judge_for_category(&picture.bytes, category, already_uploaded);
        if verdict.accepted() {
            verdict.violations.extend(beyond_the_maximum(&category.rules, already_uploaded, accepted_before));
            accepted_before += u32::from(verdict.accepted());
        }
        judged.push(Judged {
            name: if picture.converted { jpeg_name(&file.name) } else { file.name },
            bytes: Arc::new(picture.bytes),
            cut_note: picture.note,
            fitted: None,
            verdict,
        });
    }
    judged
}

pub struct ChosenPicture {
    pub bytes: Vec<u8>,
    /// What was done to the file (Chinese, English), said to the candidate.
    pub note: Option<(String, String)>,
    /// The file is now a JPEG made here (its name should say .jpg).
    pub converted: bool,
}

pub async fn chosen_picture(file: &[u8]) -> ChosenPicture {
    if sniff(file) == Sniffed::Foreign(ForeignKind::Heif) {
        // Browsers that cannot decode HEIC (most, outside Safari) refuse it with the phone setting
        // that makes JPEG, as the rules' message says.
        if let Ok(jpeg) = convert_to_jpeg(file).await {
            let (w, h) = (jpeg.width, jpeg.height);
            return ChosenPicture {
                bytes: jpeg.bytes,
                note: Some((
                    format!("已将 HEIC 照片转为 JPEG（{w}×{h}）"),
                    format!("The HEIC photo was converted to JPEG ({w}×{h})"),
                )),
                converted: true,
            };
        }
        return ChosenPicture { bytes: file.to_vec(), note: None, converted: false };
    }
    let alone = picture_alone(file);
    ChosenPicture { note: alone.note_zh().zip(alone.note_en()), bytes: alone.bytes.to_vec(), converted: false }
}

/// `name` with a .jpg ending, for a file the page made a JPEG.
pub fn jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.jpg")
}

//! What is judged of a chosen file: the picture alone (`domain::picture_alone` cuts a motion
//! photo's video and the like), or — for a HEIC photo on a browser that can decode it — the same
//! photo made a JPEG here, since no rule accepts HEIC. Each says what was done to the file.

use crate::client::convert_to_jpeg;
use crate::domain::sniff::{sniff, Sniffed};
use crate::domain::{picture_alone, ForeignKind};

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

//! A camera's file can carry bytes after the end of its picture: padding, the video of a "motion
//! photo" (Samsung and Google phones append it), a second picture (MPF depth maps), or, in a
//! crafted polyglot, a ZIP or a script. Only the picture is kept: whatever follows the format's
//! end marker (JPEG EOI, PNG IEND) is cut off — in the browser before the file is judged and sent,
//! on the server before it is judged and stored — so what is stored is the picture alone.

use super::byte_size::{format_bytes, Rounding};
use super::file_facts::FileFacts;

/// The picture part of a file, and how many bytes followed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureAlone<'a> {
    pub bytes: &'a [u8],
    pub cut_bytes: u64,
}

/// The file up to its end marker. A file without one (truncated, or not a picture) is left whole,
/// for the judgement to name what is wrong with it.
pub fn picture_alone(bytes: &[u8]) -> PictureAlone<'_> {
    match FileFacts::probe(bytes).ok().and_then(|facts| picture_end(&facts, bytes.len())) {
        Some(end) => PictureAlone { bytes: &bytes[..end], cut_bytes: (bytes.len() - end) as u64 },
        None => PictureAlone { bytes, cut_bytes: 0 },
    }
}

/// Where the picture these facts describe ends in its `len` bytes, when something follows it.
pub fn picture_end(facts: &FileFacts, len: usize) -> Option<usize> {
    (facts.ends_properly && facts.trailing_bytes > 0)
        .then(|| len.saturating_sub(usize::try_from(facts.trailing_bytes).unwrap_or(usize::MAX)))
}

impl PictureAlone<'_> {
    /// What the page tells the candidate when something was cut off; None when nothing was.
    pub fn note_zh(&self) -> Option<String> {
        (self.cut_bytes > 0).then(|| {
            format!(
                "已去掉图片后附带的 {}（例如动态照片里的视频），只上传图片本身",
                format_bytes(self.cut_bytes, Rounding::Up)
            )
        })
    }

    pub fn note_en(&self) -> Option<String> {
        (self.cut_bytes > 0).then(|| {
            format!(
                "Removed {} that followed the picture (such as a motion photo's video); only the picture is uploaded",
                format_bytes(self.cut_bytes, Rounding::Up)
            )
        })
    }
}

//! What crosses the pipe between the server and a render worker (`render_worker`): one job — a
//! template, its data and its files — and one answer, each as a length-prefixed postcard frame.

use serde::{Deserialize, Serialize};

/// The largest frame either side accepts: a document with its photo is far below it, and a
/// broken length never makes the other side allocate gigabytes.
pub const MAX_FRAME_BYTES: u32 = 64 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
pub struct RenderJob {
    pub template: String,
    /// `sys.inputs`, as JSON text (postcard cannot carry a `serde_json::Value`).
    pub inputs_json: String,
    /// Files the template may name ("photo.jpg", "qr.svg").
    pub files: Vec<(String, Vec<u8>)>,
}

/// The PDF with its number of pages, or the template's mistakes.
pub type RenderAnswer = Result<(Vec<u8>, usize), String>;

/// A frame: the body's length (4 bytes, little-endian), then the body.
pub fn frame<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let body = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
    let length = u32::try_from(body.len()).ok().filter(|n| *n <= MAX_FRAME_BYTES).ok_or("frame too large")?;
    Ok([length.to_le_bytes().as_slice(), &body].concat())
}

/// The body's length from a frame's first four bytes, refused past the largest frame.
pub fn body_length(prefix: [u8; 4]) -> std::io::Result<usize> {
    let length = u32::from_le_bytes(prefix);
    if length > MAX_FRAME_BYTES {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "frame too large"));
    }
    Ok(length as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_comes_back_as_it_was_framed() {
        let job = RenderJob {
            template: "= Hi".into(),
            inputs_json: "{}".into(),
            files: vec![("photo.jpg".into(), vec![1, 2])],
        };
        let framed = frame(&job).unwrap();
        let length = body_length(framed[..4].try_into().unwrap()).unwrap();
        assert_eq!(length, framed.len() - 4);
        let back: RenderJob = postcard::from_bytes(&framed[4..]).unwrap();
        assert_eq!((back.template.as_str(), back.files[0].1.as_slice()), ("= Hi", [1u8, 2].as_slice()));
    }

    #[test]
    fn a_length_past_the_largest_frame_is_refused() {
        assert!(body_length((MAX_FRAME_BYTES + 1).to_le_bytes()).is_err());
    }
}

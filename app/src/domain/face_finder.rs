//! Finds the faces in a picture with a real detector: SeetaFace's frontal face detector as the
//! `rustface` crate ports it (pure Rust, BSD-2), its model `public/face/seeta_fd_frontal_v1.0.bin`.
//! The browser fetches the model when an ID photo is chosen (the photo tools' chunk); the server
//! carries it in its program. Both look at the picture drawn at most `FACE_SIDE` on its long side,
//! so the same picture gives the same faces.

use super::face_geometry::FaceBox;
use super::picture_pixels::luma_of;

/// The long side the detector looks at: an ID photo's face is a fifth of it or more (80 px), and
/// a 12 MP photo is searched in well under the 300 ms a candidate should wait.
pub const FACE_SIDE: u32 = 400;
/// Where the browser fetches the model from (`public/face/`).
pub const FACE_MODEL_PATH: &str = "/face/seeta_fd_frontal_v1.0.bin";
/// The smallest picture searched: the detector's window is 20 px, and a face smaller than a
/// tenth of the picture is not an ID photo's.
const LEAST_SIDE: u32 = 40;
/// A face smaller than this share of the largest found is taken for a false find (a pattern on
/// clothing, a face on a poster behind): two people side by side have faces of about one size.
const SAME_SIZE_SHARE: f64 = 0.5;
/// SeetaFace's scores: 2.0 keeps real faces in poor light and drops most patterns.
const SCORE_THRESHOLD: f64 = 2.0;

/// The detector with its model read.
#[derive(Clone)]
pub struct FaceFinder {
    model: rustface::Model,
}

impl FaceFinder {
    /// Reads the model's bytes; None when they are not the model.
    pub fn from_model(bytes: &[u8]) -> Option<FaceFinder> {
        rustface::read_model(std::io::Cursor::new(bytes)).ok().map(|model| FaceFinder { model })
    }

    /// The faces in RGBA pixels (`width` × `height`, four bytes each), in those pixels, largest
    /// first.
    pub fn find(&self, rgba: &[u8], width: u32, height: u32) -> Vec<FaceBox> {
        let pixels = width as usize * height as usize;
        if width.min(height) < LEAST_SIDE || rgba.len() < pixels * 4 {
            return Vec::new();
        }
        let luma: Vec<u8> = rgba.chunks_exact(4).take(pixels).map(|p| luma_of(p[0], p[1], p[2])).collect();
        let mut detector = rustface::create_detector_with_model(self.model.clone());
        // Faces from a tenth of the shorter side up: a smaller one is no ID photo's, and a larger
        // least size makes the search several times faster.
        detector.set_min_face_size((width.min(height) / 10).max(20));
        detector.set_score_thresh(SCORE_THRESHOLD);
        detector.set_pyramid_scale_factor(0.8);
        detector.set_slide_window_step(4, 4);
        let mut faces: Vec<FaceBox> = detector
            .detect(&rustface::ImageData::new(&luma, width, height))
            .iter()
            .map(|found| {
                let b = found.bbox();
                FaceBox {
                    x: f64::from(b.x()),
                    y: f64::from(b.y()),
                    width: f64::from(b.width()),
                    height: f64::from(b.height()),
                }
            })
            .collect();
        faces.sort_by(|a, b| b.width.total_cmp(&a.width));
        let largest = faces.first().map(|face| face.width).unwrap_or_default();
        faces.retain(|face| face.width >= largest * SAME_SIZE_SHARE);
        faces
    }
}

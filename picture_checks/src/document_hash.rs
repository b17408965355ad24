//! When two pictures show the same document: a perceptual hash of the straightened paper
//! (`paper`), a double-gradient hash of its DCT's low 16 × 16 (144 bits, 18 bytes). Chosen on the
//! set `./scripts/bench-picture-hashes.sh` draws (figures in docs/benchmarks.md): pictures of
//! different templates were at least 49 bits apart, and 485 of 495 pairs of pictures of one paper
//! at most 40. It does not tell a classmate's certificate printed on the same template from the
//! same paper: both are "the same document" here, and the reviewer reads the names.

use image::DynamicImage;
use image_hasher::{HashAlg, HasherConfig};

use crate::paper::paper;

/// Differing bits (of 144) at most, for two pictures to be shown as the same document.
pub const SAME_DOCUMENT_MAX_DISTANCE: u32 = 40;

/// The hash of an upright picture (EXIF orientation applied), as bytes to store: about 80 ms of
/// one core for a 3000 px photograph after its decode.
pub fn document_hash(picture: &DynamicImage) -> Vec<u8> {
    let hasher = HasherConfig::new().hash_alg(HashAlg::DoubleGradient).hash_size(16, 16).preproc_dct().to_hasher();
    hasher.hash_image(&paper(picture)).as_bytes().to_vec()
}

/// How far apart two stored hashes are when they show the same document; None otherwise (or
/// when they were made differently and cannot be compared).
pub fn same_document(a: &[u8], b: &[u8]) -> Option<u32> {
    (a.len() == b.len())
        .then(|| a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum())
        .filter(|d| *d <= SAME_DOCUMENT_MAX_DISTANCE)
}

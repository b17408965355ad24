//! When two pictures show the same document: a perceptual hash of each (image_hasher), and the
//! largest number of differing bits still called the same. The configuration and the threshold
//! were chosen on the set `./scripts/bench-picture-hashes.sh` draws (figures in
//! docs/benchmarks.md): the same paper photographed again must match; two certificates printed on
//! one template must not.

use image::DynamicImage;
use image_hasher::{HashAlg, HasherConfig};

/// Differing bits at most, for two pictures to be shown as the same document.
pub const SAME_DOCUMENT_MAX_DISTANCE: u32 = 20;

/// The hash of a picture, as bytes to store.
pub fn perceptual_hash(picture: &DynamicImage) -> Vec<u8> {
    HasherConfig::new()
        .hash_size(16, 16)
        .hash_alg(HashAlg::Gradient)
        .preproc_dct()
        .to_hasher()
        .hash_image(picture)
        .as_bytes()
        .to_vec()
}

/// Differing bits between two stored hashes; None when they were made differently (another
/// size), so they cannot be compared.
pub fn distance(a: &[u8], b: &[u8]) -> Option<u32> {
    (a.len() == b.len()).then(|| a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum())
}

/// Whether two stored hashes are the same document's.
pub fn same_document(a: &[u8], b: &[u8]) -> Option<u32> {
    distance(a, b).filter(|d| *d <= SAME_DOCUMENT_MAX_DISTANCE)
}


//! When two pictures show the same document (placeholder until the measured configuration lands).

use image::DynamicImage;
use image_hasher::{HashAlg, HasherConfig};

/// Differing bits at most, for two pictures to be shown as the same document.
pub const SAME_DOCUMENT_MAX_DISTANCE: u32 = 20;

/// The hash of an upright picture, as bytes to store.
pub fn document_hash(picture: &DynamicImage) -> Vec<u8> {
    HasherConfig::new()
        .hash_size(16, 16)
        .hash_alg(HashAlg::Gradient)
        .to_hasher()
        .hash_image(picture)
        .as_bytes()
        .to_vec()
}

/// How far apart two stored hashes are when they show the same document; None otherwise (or
/// when they were made differently and cannot be compared).
pub fn same_document(a: &[u8], b: &[u8]) -> Option<u32> {
    (a.len() == b.len())
        .then(|| a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum())
        .filter(|d| *d <= SAME_DOCUMENT_MAX_DISTANCE)
}

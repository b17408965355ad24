//! When two pictures show the same document: a perceptual hash of the straightened paper
//! (`paper`), a double-gradient hash of its DCT's low 16 × 16 (144 bits, 18 bytes). Chosen on the
//! set `./scripts/bench-picture-hashes.sh` draws (figures in docs/benchmarks.md): pictures of
//! different templates were at least 49 bits apart, and 452 of 495 pairs of pictures of one paper
//! at most 33. The threshold was 40 (475 of 495) until the reviewer-speed benchmark's queue of
//! unrelated drawn documents showed 19 chance pairs at 34–40 bits (3 in 10 000 pairs). It does not
//! tell a classmate's certificate printed on the same template from the same paper: both are "the
//! same document" here, and their numbers are compared next (`document_number`).

use image::DynamicImage;
use image_hasher::{HashAlg, HasherConfig};

use crate::paper::paper;

/// Differing bits (of 144) at most, for two pictures to be shown as the same document.
pub const SAME_DOCUMENT_MAX_DISTANCE: u32 = 33;

/// A hash with fewer bits set than this, or fewer unset, shows a nearly featureless picture (a
/// plain patch the paper finder took for the paper, as an ID photo's white shirt): all such
/// pictures hash alike, to all zeros, so they are never called the same document.
const FEATURELESS_BITS: u32 = 16;

/// The hash of an upright picture (EXIF orientation applied), as bytes to store: about 80 ms of
/// one core for a 3000 px photograph after its decode.
pub fn document_hash(picture: &DynamicImage) -> Vec<u8> {
    let hasher = HasherConfig::new().hash_alg(HashAlg::DoubleGradient).hash_size(16, 16).preproc_dct().to_hasher();
    hasher.hash_image(&paper(picture)).as_bytes().to_vec()
}

/// How far apart two stored hashes are when they show the same document; None otherwise (or
/// when they were made differently and cannot be compared).
pub fn same_document(a: &[u8], b: &[u8]) -> Option<u32> {
    (a.len() == b.len() && !featureless(a) && !featureless(b))
        .then(|| a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum())
        .filter(|d| *d <= SAME_DOCUMENT_MAX_DISTANCE)
}

fn featureless(hash: &[u8]) -> bool {
    let set: u32 = hash.iter().map(|byte| byte.count_ones()).sum();
    set < FEATURELESS_BITS || hash.len() as u32 * 8 - set < FEATURELESS_BITS
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn plain_pictures_are_never_the_same_document_as_each_other() {
        let plain = |shade: u8| DynamicImage::ImageLuma8(GrayImage::from_pixel(600, 800, Luma([shade])));
        let (white, grey) = (document_hash(&plain(250)), document_hash(&plain(200)));
        assert_eq!(same_document(&white, &grey), None);
        assert_eq!(same_document(&white, &white), None, "not even the same plain picture twice");
    }

    #[test]
    fn a_page_with_print_is_the_same_document_as_itself_and_not_as_its_mirror() {
        let page = GrayImage::from_fn(600, 800, |x, y| Luma([if (x / 40 + y / 60) % 3 == 0 { 40 } else { 235 }]));
        let mirrored = image::imageops::flip_horizontal(&page);
        let (hash, mirror) =
            (document_hash(&DynamicImage::ImageLuma8(page)), document_hash(&DynamicImage::ImageLuma8(mirrored)));
        assert_eq!(same_document(&hash, &hash), Some(0));
        assert_eq!(same_document(&hash, &mirror), None);
    }
}

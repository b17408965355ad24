//! The perceptual hash kept beside each upload's SHA-256 (issue 34), and the pieces the benchmark
//! (main.rs) puts together to choose it.
//!
//! A hash of the whole picture mostly sees the review screen and where the paper lies on it, so the picture
//! is first reduced to the paper: its four corners found and taken to a rectangle (`paper`). The
//! benchmark also cuts the paper into tiles and hashes each, to see a changed name; on its set no
//! configuration, whole or tiled, tells a classmate's certificate on the same template from the
//! same paper photographed again. What the chosen hash does tell is "the same paper, or the same
//! template" (the first stage, `perceptual_hash`). The pairs it flags go to a second stage, the
//! certificates' numbers read and compared (`picture_checks::document_number`, in main.rs).

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma};
use image_hasher::{HashAlg, Hasher, HasherConfig, ImageHash};
/// The paper, straightened, as the server finds it.
pub use picture_checks::paper::paper;

/// The chosen configuration: the paper (`Prep::Paper`), whole (1 × 1 tiles), a double-gradient
/// hash of its DCT's low 16 × 16 (144 bits, 18 bytes).
const CHOSEN: (Prep, u32, u32) = (Prep::Paper, 1, 1);
/// Two pictures show the same paper, or papers printed on the same template, at or below this
/// distance (of 144 bits): the server's.
pub use picture_checks::document_hash::SAME_DOCUMENT_MAX_DISTANCE;
/// Which of the tiles' distances `document_distance` takes (1: the most changed tile).
const KTH_MOST_CHANGED: usize = 1;

fn chosen_hasher() -> Hasher {
    HasherConfig::new().hash_alg(HashAlg::DoubleGradient).hash_size(16, 16).preproc_dct().to_hasher()
}

/// The perceptual hash of an upload, already turned upright (EXIF orientation applied): about
/// 80 ms of one core for a 3000 px photograph after its decode, most of it making the 1280 px grey
/// copy.
pub fn perceptual_hash(img: &DynamicImage) -> ImageHash {
    let (prep, cols, rows) = CHOSEN;
    let tiles = tile_hashes(&prepare(img, prep), cols, rows, &chosen_hasher());
    let bytes: Vec<u8> = tiles.iter().flat_map(|tile| tile.as_bytes().iter().copied()).collect();
    ImageHash::from_bytes(&bytes).expect("a hash of whole bytes")
}

/// How far apart two `perceptual_hash`es are: the tiles' bit distances, the k-th largest (with
/// the chosen single tile, simply the bits that differ).
pub fn document_distance(a: &ImageHash, b: &ImageHash) -> u32 {
    let tile_bytes = a.as_bytes().len() / (CHOSEN.1 * CHOSEN.2) as usize;
    let per_tile = |h: &ImageHash| {
        h.as_bytes().chunks(tile_bytes).map(|c| ImageHash::<Box<[u8]>>::from_bytes(c).unwrap()).collect::<Vec<_>>()
    };
    kth_largest(&tile_distances(&per_tile(a), &per_tile(b)), KTH_MOST_CHANGED)
}

/// How a picture is prepared before hashing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prep {
    /// The whole picture, screen and all, grey, shrunk to at most 1024 px (a fast integer thumbnail).
    Whole,
    /// The paper alone, grey: `paper`.
    Paper,
    /// The paper with its light made even (divided by a heavy blur of itself): `flatten`.
    PaperFlat,
}

pub fn prepare(img: &DynamicImage, prep: Prep) -> GrayImage {
    match prep {
        Prep::Whole => grey_thumbnail(img, 1024),
        Prep::Paper => paper(img),
        Prep::PaperFlat => flatten(&paper(img)),
    }
}

/// The picture in grey, shrunk to at most `side` px (a fast integer thumbnail).
pub fn grey_thumbnail(img: &DynamicImage, side: u32) -> GrayImage {
    let grey = img.to_luma8();
    let k = (side as f64 / grey.width().max(grey.height()) as f64).min(1.0);
    let (w, h) = ((grey.width() as f64 * k).round() as u32, (grey.height() as f64 * k).round() as u32);
    imageops::thumbnail(&grey, w.max(1), h.max(1))
}

/// Hashes of the picture cut into `cols` × `rows` tiles, row by row (1 × 1: the whole).
pub fn tile_hashes(gray: &GrayImage, cols: u32, rows: u32, hasher: &Hasher) -> Vec<ImageHash> {
    let (w, h) = gray.dimensions();
    let mut hashes = Vec::with_capacity((cols * rows) as usize);
    for row in 0..rows {
        for col in 0..cols {
            let (x0, y0) = (col * w / cols, row * h / rows);
            let (x1, y1) = ((col + 1) * w / cols, (row + 1) * h / rows);
            hashes.push(hasher.hash_image(&imageops::crop_imm(gray, x0, y0, x1 - x0, y1 - y0).to_image()));
        }
    }
    hashes
}

pub fn tile_distances(a: &[ImageHash], b: &[ImageHash]) -> Vec<u32> {
    a.iter().zip(b).map(|(x, y)| x.dist(y)).collect()
}

/// The k-th largest (1: the largest) of some distances.
pub fn kth_largest(distances: &[u32], k: usize) -> u32 {
    let mut sorted = distances.to_vec();
    sorted.sort_unstable_by(|x, y| y.cmp(x));
    sorted[(k - 1).min(sorted.len() - 1)]
}

/// Light made even: each pixel divided by a heavy blur of the picture (a 1/32 copy scaled back).
pub fn flatten(gray: &GrayImage) -> GrayImage {
    let (w, h) = gray.dimensions();
    let coarse = imageops::resize(gray, (w / 32).max(1), (h / 32).max(1), FilterType::Triangle);
    let light = imageops::resize(&coarse, w, h, FilterType::Triangle);
    GrayImage::from_fn(w, h, |x, y| {
        let v = gray.get_pixel(x, y)[0] as f32 / light.get_pixel(x, y)[0].max(8) as f32;
        Luma([(v * 200.0).min(255.0) as u8])
    })
}

/// `work` on every item, the items shared between two threads (the machines here have two
/// cores), the results in the items' order.
pub fn on_two_cores<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let work = &work;
        let later = scope.spawn(move || second.iter().map(work).collect::<Vec<R>>());
        let mut all: Vec<R> = first.iter().map(work).collect();
        all.extend(later.join().expect("the second half"));
        all
    })
}

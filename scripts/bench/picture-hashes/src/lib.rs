//! The perceptual hash kept beside each upload's SHA-256 (issue 34), and the pieces the benchmark
//! (main.rs) puts together to choose it.
//!
//! A hash of the whole picture mostly sees the desk and where the paper lies on it, so the picture
//! is first reduced to the paper: its four corners found and taken to a rectangle (`paper`). The
//! benchmark also cuts the paper into tiles and hashes each, to see a changed name; on its set no
//! configuration, whole or tiled, tells a classmate's certificate on the same template from the
//! same paper photographed again. What the chosen hash does tell is "the same paper, or the same
//! template" (the first stage, `perceptual_hash`). The pairs it flags go to a second stage
//! (`ink_map`, `ink_map_difference`, below), which says "the same paper" only when what is left
//! after laying one picture's ink on the other's is small everywhere.

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma};
use image_hasher::{HashAlg, Hasher, HasherConfig, ImageHash};
/// The paper, straightened, as the server finds it.
pub use picture_checks::paper::paper;

/// The chosen configuration: the paper (`Prep::Paper`), whole (1 × 1 tiles), a double-gradient
/// hash of its DCT's low 16 × 16 (144 bits, 18 bytes).
const CHOSEN: (Prep, u32, u32) = (Prep::Paper, 1, 1);
/// Two pictures show the same paper, or papers printed on the same template, at or below this
/// distance (of 144 bits): on the benchmark's set pictures of different templates were at least
/// 49 apart, and 485 of 495 pairs of pictures of one paper at most this.
pub const SAME_DOCUMENT_MAX_DISTANCE: u32 = 40;
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
    /// The whole picture, desk and all, grey, shrunk to at most 1024 px (a fast integer thumbnail).
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

// ================================================================================================
// Second stage: the same paper photographed again, or another certificate on the same template?
// ================================================================================================
//
// The first stage (`perceptual_hash`) cannot tell these apart: two certificates on one template
// share their frame, title, guilloche, seal and layout and differ in a name, a date, a number and
// an ID photo, a few percent of the paper. So for each picture an "ink map" is kept as well: the
// straightened paper, its light evened out, reduced to where there is ink. Two ink maps are
// brought onto each other (the corners `paper` found are only good to a few pixels, and not at all
// when the paper's edge is cut off), and what is then left over is looked at block by block: a
// paper photographed again leaves specks (noise, blur, light) spread thinly, another certificate
// leaves whole blocks of unmatched ink where its name, dates, number and photo are.

/// Tunables of the ink map and its comparison; the library uses `INK`, the benchmark tries others.
#[derive(Clone, Copy, Debug)]
pub struct InkParams {
    /// Width of the ink map of a landscape paper (its height follows the paper's 960 : 680).
    pub width: u32,
    /// Ink is darker than the mean of the (2 `neighbourhood` + 1)² pixels around it by more
    /// than `k` of their standard deviation (Niblack's threshold: follows contrast, so a blurred
    /// photograph keeps the strokes a fixed cut loses)…
    pub neighbourhood: u32,
    pub k: f32,
    /// …and by more than this share of the paper's light (keeps the pale guilloche and the
    /// grain of flat paper out).
    pub min_contrast: f32,
    /// Blur (Gaussian sigma, ink-map pixels) applied to every paper first.
    pub blur: f32,
    /// Width of the window (ink-map pixels) the paper's light is taken from.
    pub window: u32,
    /// How far (ink-map pixels) a block may have moved between the two pictures.
    pub search: i32,
    /// An ink pixel is matched when the other map has ink within this many pixels (Chebyshev).
    pub radius: i32,
    /// Each block of the comparison grid may move this much more on its own.
    pub local: i32,
    /// Ink this close (ink-map pixels) to either map's edge is not compared.
    pub margin: i32,
    /// Columns of the finer grid of blocks each registered on its own, and how far each may go.
    pub fine: u32,
    pub fine_search: i32,
    /// Comparison grid (columns; rows follow the map's proportions).
    pub cells: u32,
    /// How many of the worst cells make up the difference.
    pub worst: usize,
}

/// The chosen tunables (480 px wide: 20 400 bytes a picture; at 320 the characters of a name,
/// 8 px, no longer differ once a pixel of tolerance is allowed).
pub const INK: InkParams = InkParams {
    width: 480,
    neighbourhood: 4,
    k: 0.3,
    min_contrast: 0.06,
    blur: 1.0,
    window: 25,
    search: 14,
    radius: 0,
    local: 1,
    margin: 6,
    fine: 16,
    fine_search: 5,
    cells: 32,
    worst: 1,
};

/// Two pictures the first stage flagged show the same paper at or below this `ink_map_difference`
/// (else: papers on the same template, and the reviewer reads the names). On the benchmark's set
/// no two certificates came below 42, but pairs of one paper went up to 183, so the line is drawn
/// under the certificates: nothing is called "the same paper" that is not, and 135 of the 475
/// flagged pairs of one paper are left at "same template" (see the caveats in main.rs's output).
pub const SAME_PAPER_MAX_DIFFERENCE: u32 = 41;

/// The ink map of an upload (already turned upright): `ink_map_of_paper` of its `paper`.
pub fn ink_map(img: &DynamicImage) -> Vec<u8> {
    ink_map_of_paper(&paper(img), &INK)
}

/// How different two `ink_map`s are: 0 for the same paper photographed twice, growing with the
/// ink one has and the other lacks in the worst part of the paper. See `ink_difference_with`.
pub fn ink_map_difference(a: &[u8], b: &[u8]) -> u32 {
    ink_difference_with(a, b, &INK)
}

/// A bit map: width and height (u16, little-endian), then one bit per pixel, row by row, the
/// lowest bit first; 1 is ink.
struct Bits {
    w: u32,
    h: u32,
    ink: Vec<bool>,
}

impl Bits {
    fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(4 + self.ink.len().div_ceil(8));
        bytes.extend_from_slice(&(self.w as u16).to_le_bytes());
        bytes.extend_from_slice(&(self.h as u16).to_le_bytes());
        bytes.extend(self.ink.chunks(8).map(|c| c.iter().enumerate().fold(0u8, |b, (i, &v)| b | ((v as u8) << i))));
        bytes
    }
    fn from_bytes(bytes: &[u8]) -> Bits {
        let w = u16::from_le_bytes([bytes[0], bytes[1]]) as u32;
        let h = u16::from_le_bytes([bytes[2], bytes[3]]) as u32;
        let ink = (0..(w * h) as usize).map(|i| bytes[4 + i / 8] >> (i % 8) & 1 == 1).collect();
        Bits { w, h, ink }
    }
    fn get(&self, x: i32, y: i32) -> bool {
        x >= 0
            && y >= 0
            && (x as u32) < self.w
            && (y as u32) < self.h
            && self.ink[(y as u32 * self.w + x as u32) as usize]
    }
    /// `k` times smaller: ink where any of a k × k square is.
    fn shrink(&self, k: u32) -> Bits {
        let (w, h) = (self.w / k, self.h / k);
        let ink = (0..w * h)
            .map(|i| (0..k * k).any(|j| self.ink[((i / w * k + j / k) * self.w + i % w * k + j % k) as usize]))
            .collect();
        Bits { w, h, ink }
    }
    /// Ink within `r` (Chebyshev) of each pixel: a square dilation, rows then columns.
    fn dilate(&self, r: i32) -> Bits {
        let (w, h) = (self.w as i32, self.h as i32);
        let rows: Vec<bool> = (0..w * h).map(|i| (-r..=r).any(|d| self.get(i % w + d, i / w))).collect();
        let rows = Bits { w: self.w, h: self.h, ink: rows };
        let ink = (0..w * h).map(|i| (-r..=r).any(|d| rows.get(i % w, i / w + d))).collect();
        Bits { w: self.w, h: self.h, ink }
    }
}

/// The ink map of a straightened paper (`paper`), `width` pixels wide: the paper shrunk to that
/// size; blurred by `blur` px (a sharp scan then looks more like an out-of-focus photograph); ink
/// where a pixel is clearly darker than its neighbourhood (`InkParams::k`), by more than
/// `min_contrast` of the paper's own light there (a morphological closing: the darkest of the
/// brightest within `window` px, wider than any stroke, narrower than light changes over). A
/// local threshold rather than one cut: with one cut the ID photo's blue background fell on
/// either side of it from one photograph to the next, and blur lost the thin strokes; here the
/// photo is an outline (its edge, hair, eyes, collar) in every picture.
pub fn ink_map_of_paper(gray: &GrayImage, p: &InkParams) -> Vec<u8> {
    let (w, h) = gray.dimensions();
    let (mw, mh) = if w >= h { (p.width, p.width * h / w) } else { (p.width * w / h, p.width) };
    let small = imageops::resize(gray, mw, mh, FilterType::Triangle);
    let small = if p.blur > 0.0 { imageops::blur(&small, p.blur) } else { small };
    let r = p.window as i32 / 2;
    let light = extreme_filter(&extreme_filter(&small, r, true), r, false);
    // sums and sums of squares over rectangles, from running totals
    let n = p.neighbourhood as i32;
    let (iw, ih) = (mw as i32, mh as i32);
    let mut sum = vec![0f64; ((iw + 1) * (ih + 1)) as usize];
    let mut sq = sum.clone();
    for y in 0..ih {
        for x in 0..iw {
            let v = small.get_pixel(x as u32, y as u32)[0] as f64;
            let i = ((y + 1) * (iw + 1) + x + 1) as usize;
            sum[i] = v + sum[i - 1] + sum[i - (iw + 1) as usize] - sum[i - (iw + 2) as usize];
            sq[i] = v * v + sq[i - 1] + sq[i - (iw + 1) as usize] - sq[i - (iw + 2) as usize];
        }
    }
    let rect = |t: &[f64], x0: i32, y0: i32, x1: i32, y1: i32| {
        let at = |x: i32, y: i32| t[(y * (iw + 1) + x) as usize];
        at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)
    };
    let ink = (0..ih)
        .flat_map(|y| (0..iw).map(move |x| (x, y)))
        .map(|(x, y)| {
            let (x0, y0, x1, y1) = ((x - n).max(0), (y - n).max(0), (x + n + 1).min(iw), (y + n + 1).min(ih));
            let count = ((x1 - x0) * (y1 - y0)) as f64;
            let mean = rect(&sum, x0, y0, x1, y1) / count;
            let std = (rect(&sq, x0, y0, x1, y1) / count - mean * mean).max(0.0).sqrt();
            let v = small.get_pixel(x as u32, y as u32)[0] as f64;
            let l = light.get_pixel(x as u32, y as u32)[0].max(16) as f64;
            mean - v > (p.k as f64 * std).max(p.min_contrast as f64 * l)
        })
        .collect();
    Bits { w: mw, h: mh, ink }.to_bytes()
}

/// The largest (`max`) or smallest value within `r` px (a square), rows then columns.
fn extreme_filter(img: &GrayImage, r: i32, max: bool) -> GrayImage {
    let (w, h) = (img.width() as i32, img.height() as i32);
    let pick = |a: u8, b: u8| if max { a.max(b) } else { a.min(b) };
    let at = |img: &GrayImage, x: i32, y: i32| img.get_pixel(x.clamp(0, w - 1) as u32, y.clamp(0, h - 1) as u32)[0];
    let rows = GrayImage::from_fn(w as u32, h as u32, |x, y| {
        Luma([(-r..=r).map(|d| at(img, x as i32 + d, y as i32)).reduce(pick).unwrap()])
    });
    GrayImage::from_fn(w as u32, h as u32, |x, y| {
        Luma([(-r..=r).map(|d| at(&rows, x as i32, y as i32 + d)).reduce(pick).unwrap()])
    })
}

/// An affine map (x, y) -> (a0 + a1 x + a2 y, a3 + a4 x + a5 y).
type Affine = [f64; 6];

fn map(t: &Affine, x: f64, y: f64) -> (f64, f64) {
    (t[0] + t[1] * x + t[2] * y, t[3] + t[4] * x + t[5] * y)
}

/// Where B's ink lies in A's coordinates, and how much of A's ink that puts on B's: first one
/// shift of the whole, on quarter-size maps; then for an 8 × 6 grid of blocks of A, the shift
/// (within `search` of it) that puts most of the block's ink on ink of B (dilated by 1, so strokes
/// thickened by blur still count); then the affine map most of the blocks' ink agrees with (to
/// 2 px, RANSAC over triples of blocks: a different name, or repeated print, pulls single blocks
/// aside), refitted by least squares over those blocks. An affine map absorbs most of what
/// `paper`'s corners got wrong: a shift, the scale when the paper's edge was cut off, a skew.
fn register(a: &Bits, b: &Bits, search: i32) -> (Affine, f64) {
    // first a shift of the whole, on quarter-size maps, up to a sixth of the paper's height (a
    // paper cut off at the edges is scaled and shifted by that much)
    let (qa, qb) = (a.shrink(4), b.shrink(4).dilate(1));
    let qa_ink: Vec<(i32, i32)> =
        (0..(qa.w * qa.h) as i32).filter(|&i| qa.ink[i as usize]).map(|i| (i % qa.w as i32, i / qa.w as i32)).collect();
    let reach = (qa.h / 6) as i32;
    let mut base = (0usize, 0i32, 0i32);
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            let hits = qa_ink.iter().filter(|&&(x, y)| qb.get(x + dx, y + dy)).count();
            if hits > base.0 || (hits == base.0 && dx.abs() + dy.abs() < base.1.abs() + base.2.abs()) {
                base = (hits, dx, dy);
            }
        }
    }
    let (bx0, by0) = (base.1 * 4, base.2 * 4);
    let fat_b = b.dilate(1);
    let (gx, gy) = (8u32, 6u32);
    let mut blocks = Vec::new(); // (cx, cy, dx, dy, weight)
    let mut all_ink = 0usize;
    for by in 0..gy {
        for bx in 0..gx {
            let (x0, x1) = (bx * a.w / gx, (bx + 1) * a.w / gx);
            let (y0, y1) = (by * a.h / gy, (by + 1) * a.h / gy);
            let ink: Vec<(i32, i32)> = (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x as i32, y as i32)))
                .filter(|&(x, y)| a.get(x, y))
                .collect();
            all_ink += ink.len();
            if ink.len() < 30 {
                continue;
            }
            let mut best = (0usize, 0i32, 0i32);
            for dy in by0 - search..=by0 + search {
                for dx in bx0 - search..=bx0 + search {
                    let hits = ink.iter().filter(|&&(x, y)| fat_b.get(x + dx, y + dy)).count();
                    // ties: the smaller shift
                    if hits > best.0
                        || (hits == best.0
                            && (dx - bx0).abs() + (dy - by0).abs() < (best.1 - bx0).abs() + (best.2 - by0).abs())
                    {
                        best = (hits, dx, dy);
                    }
                }
            }
            let share = best.0 as f64 / ink.len() as f64;
            if share > 0.5 {
                let (cx, cy) = ((x0 + x1) as f64 / 2.0, (y0 + y1) as f64 / 2.0);
                blocks.push((cx, cy, best.1 as f64, best.2 as f64, best.0 as f64));
            }
        }
    }
    // Robustly: the affine map through three blocks that the most other blocks (by ink) agree
    // with to 2 px, every triple tried; then least squares over the blocks that agree.
    let agrees = |t: &Affine, &(cx, cy, dx, dy, _): &(f64, f64, f64, f64, f64)| {
        let (u, v) = map(t, cx, cy);
        (u - cx - dx).hypot(v - cy - dy) <= 2.0
    };
    let mut best = (fit_affine(&blocks), -1.0f64);
    // the triples from the 20 inkiest blocks (1140 of them) are enough, and bound the time
    blocks.sort_by(|x, y| y.4.total_cmp(&x.4));
    let n = blocks.len().min(20);
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let t = fit_affine(&[blocks[i], blocks[j], blocks[k]]);
                let support: f64 = blocks.iter().filter(|blk| agrees(&t, blk)).map(|blk| blk.4).sum();
                if support > best.1 {
                    best = (t, support);
                }
            }
        }
    }
    let kept: Vec<_> = blocks.iter().copied().filter(|blk| agrees(&best.0, blk)).collect();
    let t = if kept.len() >= 3 { fit_affine(&kept) } else { best.0 };
    (t, best.1.max(0.0) / all_ink.max(1) as f64)
}

/// The weighted least-squares affine map taking each block centre to itself plus its shift (the
/// identity when there are too few blocks).
fn fit_affine(blocks: &[(f64, f64, f64, f64, f64)]) -> Affine {
    if blocks.len() < 3 {
        return [0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
    }
    // normal equations of [1 x y] for u and v separately
    let mut m = [[0.0f64; 3]; 3];
    let (mut ru, mut rv) = ([0.0f64; 3], [0.0f64; 3]);
    for &(x, y, dx, dy, wt) in blocks {
        let row = [1.0, x, y];
        for i in 0..3 {
            for j in 0..3 {
                m[i][j] += wt * row[i] * row[j];
            }
            ru[i] += wt * row[i] * (x + dx);
            rv[i] += wt * row[i] * (y + dy);
        }
    }
    let (Some(u), Some(v)) = (solve3(m, ru), solve3(m, rv)) else {
        let (n, sx, sy) =
            blocks.iter().fold((0.0, 0.0, 0.0), |(n, sx, sy), b| (n + b.4, sx + b.4 * b.2, sy + b.4 * b.3));
        return [sx / n, 1.0, 0.0, sy / n, 0.0, 1.0];
    };
    [u[0], u[1], u[2], v[0], v[1], v[2]]
}

fn solve3(m: [[f64; 3]; 3], r: [f64; 3]) -> Option<[f64; 3]> {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(m);
    if d.abs() < 1e-9 {
        return None;
    }
    Some(std::array::from_fn(|k| {
        let mut mk = m;
        (0..3).for_each(|i| mk[i][k] = r[i]);
        det(mk) / d
    }))
}

/// Whether (x, y) lies at least `margin` px inside the map: a strip of desk where `paper` put a
/// corner a little off, or print beyond the other picture's cut edge, is neither a match nor a
/// difference.
fn inside(m: &Bits, x: i32, y: i32, margin: i32) -> bool {
    x >= margin && y >= margin && x < m.w as i32 - margin && y < m.h as i32 - margin
}

/// Where each pixel of A lies in B: the affine map of `register`, plus, per block of a finer
/// grid, a shift of its own (what is left of a wrong corner of `paper`, which an affine map cannot
/// follow), median-filtered so that a block whose print differs takes its neighbours' shift.
struct Warp {
    t: Affine,
    /// The share of A's ink the affine map puts on B's ink: how well the registration went.
    support: f64,
    cols: u32,
    rows: u32,
    w: u32,
    h: u32,
    shift: Vec<(i32, i32)>,
}

impl Warp {
    fn apply(&self, x: i32, y: i32) -> (i32, i32) {
        let (u, v) = map(&self.t, x as f64, y as f64);
        let (bx, by) =
            ((x as u32 * self.cols / self.w).min(self.cols - 1), (y as u32 * self.rows / self.h).min(self.rows - 1));
        let (dx, dy) = self.shift[(by * self.cols + bx) as usize];
        (u.round() as i32 + dx, v.round() as i32 + dy)
    }
    /// Where a pixel of B lies in A (the block's shift taken where the affine map alone puts it).
    fn invert(&self, x: i32, y: i32) -> (i32, i32) {
        let t = &self.t;
        let d = t[1] * t[5] - t[2] * t[4];
        let back = |u: f64, v: f64| {
            let (u, v) = (u - t[0], v - t[3]);
            ((t[5] * u - t[2] * v) / d, (t[1] * v - t[4] * u) / d)
        };
        let (x0, y0) = back(x as f64, y as f64);
        let (bx, by) = (
            ((x0.max(0.0) as u32) * self.cols / self.w).min(self.cols - 1),
            ((y0.max(0.0) as u32) * self.rows / self.h).min(self.rows - 1),
        );
        let (dx, dy) = self.shift[(by * self.cols + bx) as usize];
        let (u, v) = back((x - dx) as f64, (y - dy) as f64);
        (u.round() as i32, v.round() as i32)
    }
}

fn warp(a: &Bits, b: &Bits, p: &InkParams) -> Warp {
    let (t, support) = register(a, b, p.search);
    let fat_b = b.dilate(1);
    let (cols, rows) = (p.fine, (p.fine * a.h / a.w).max(1));
    let mut found: Vec<Option<(i32, i32)>> = Vec::new();
    for by in 0..rows {
        for bx in 0..cols {
            let ink: Vec<(i32, i32)> = (by * a.h / rows..(by + 1) * a.h / rows)
                .flat_map(|y| (bx * a.w / cols..(bx + 1) * a.w / cols).map(move |x| (x as i32, y as i32)))
                .filter(|&(x, y)| a.get(x, y))
                .map(|(x, y)| {
                    let (u, v) = map(&t, x as f64, y as f64);
                    (u.round() as i32, v.round() as i32)
                })
                .collect();
            if ink.len() < 20 {
                found.push(None);
                continue;
            }
            let mut best = (0usize, 0i32, 0i32);
            for dy in -p.fine_search..=p.fine_search {
                for dx in -p.fine_search..=p.fine_search {
                    let hits = ink.iter().filter(|&&(x, y)| fat_b.get(x + dx, y + dy)).count();
                    if hits > best.0 || (hits == best.0 && dx.abs() + dy.abs() < best.1.abs() + best.2.abs()) {
                        best = (hits, dx, dy);
                    }
                }
            }
            found.push(Some((best.1, best.2)));
        }
    }
    let median = |mut v: Vec<i32>| {
        v.sort_unstable();
        v[v.len() / 2]
    };
    let shift = (0..rows as i32)
        .flat_map(|by| (0..cols as i32).map(move |bx| (bx, by)))
        .map(|(bx, by)| {
            let near: Vec<(i32, i32)> = (-1..=1)
                .flat_map(|dy| (-1..=1).map(move |dx| (bx + dx, by + dy)))
                .filter(|&(x, y)| x >= 0 && y >= 0 && x < cols as i32 && y < rows as i32)
                .filter_map(|(x, y)| found[(y * cols as i32 + x) as usize])
                .collect();
            if near.is_empty() {
                (0, 0)
            } else {
                (median(near.iter().map(|s| s.0).collect()), median(near.iter().map(|s| s.1).collect()))
            }
        })
        .collect();
    Warp { t, support, cols, rows, w: a.w, h: a.h, shift }
}

/// Per cell of a `cells`-wide grid over `a`: how many of A's ink pixels have no ink of B within
/// `radius` once mapped by `t`, each cell allowed a further shift of up to `local` of its own.
fn unmatched_per_cell(a: &Bits, b: &Bits, to_b: &dyn Fn(i32, i32) -> (i32, i32), p: &InkParams) -> Vec<u32> {
    let fat_b = b.dilate(p.radius);
    let rows = (p.cells * a.h / a.w).max(1);
    let mut counts = Vec::with_capacity((p.cells * rows) as usize);
    for cy in 0..rows {
        for cx in 0..p.cells {
            let (x0, x1) = (cx * a.w / p.cells, (cx + 1) * a.w / p.cells);
            let (y0, y1) = (cy * a.h / rows, (cy + 1) * a.h / rows);
            let ink: Vec<(i32, i32)> = (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| a.ink[(y * a.w + x) as usize] && inside(a, x as i32, y as i32, p.margin))
                .map(|(x, y)| to_b(x as i32, y as i32))
                .filter(|&(x, y)| inside(b, x, y, p.margin))
                .collect();
            let mut fewest = ink.len() as u32;
            for dy in -p.local..=p.local {
                for dx in -p.local..=p.local {
                    let missing = ink.iter().filter(|&&(x, y)| !fat_b.get(x + dx, y + dy)).count() as u32;
                    fewest = fewest.min(missing);
                }
            }
            counts.push(fewest);
        }
    }
    counts
}

/// `ink_map_difference` with given tunables: the maps registered onto each other (`register`),
/// then, cell by cell, the ink of A missing from B and of B missing from A (`unmatched_per_cell`,
/// the cell grid laid on A and on B alike); the difference is the sum of the `worst` largest
/// cells. Maps of papers turned differently (landscape against portrait) differ by `u32::MAX`.
/// Registers the two maps both ways and keeps the way that went better (the paper with more of
/// its edge cut off is the one to map onto the other); the unmatched ink per cell of A and of B.
fn unmatched_both(a: &Bits, b: &Bits, p: &InkParams) -> (Vec<u32>, Vec<u32>, Affine) {
    let (ab, ba) = (warp(a, b, p), warp(b, a, p));
    if ab.support >= ba.support {
        let (x, y) =
            (unmatched_per_cell(a, b, &|x, y| ab.apply(x, y), p), unmatched_per_cell(b, a, &|x, y| ab.invert(x, y), p));
        (x, y, ab.t)
    } else {
        let (y, x) =
            (unmatched_per_cell(b, a, &|x, y| ba.apply(x, y), p), unmatched_per_cell(a, b, &|x, y| ba.invert(x, y), p));
        (x, y, ba.t)
    }
}

pub fn ink_difference_with(a: &[u8], b: &[u8], p: &InkParams) -> u32 {
    let (a, b) = (Bits::from_bytes(a), Bits::from_bytes(b));
    if (a.w, a.h) != (b.w, b.h) {
        return u32::MAX;
    }
    let (from_a, from_b, _) = unmatched_both(&a, &b, p);
    let mut cells: Vec<u32> = from_a.iter().zip(&from_b).map(|(x, y)| x + y).collect();
    cells.sort_unstable_by(|x, y| y.cmp(x));
    cells.iter().take(p.worst).sum()
}

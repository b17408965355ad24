//! The pixel statistics the looks advice is decided on (`picture_quality`): brightness, the share
//! of ink on the paper, sharpness tile by tile, and an ID photo's background. Pure, on the RGBA
//! pixels the browser drew.

/// The colour along an ID photo's top and sides, where the background shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Background {
    pub rgb: [u8; 3],
    /// How much the brightness varies there (standard deviation): an uneven background is high.
    pub unevenness: f64,
}

/// How much darker than the paper around it a pixel must be to count as ink, on white paper (on
/// darker paper, proportionally less: a dark photo of a page still has its print).
const INK_DEPTH: f64 = 30.0;
/// Side of the square tiles sharpness is measured in.
const TILE: u32 = 32;

/// The size a `width`×`height` picture is measured at: at most `long_side` on its long side,
/// never enlarged. The server scales to it when it measures a picture again; the browser's
/// `client::picture_pixels` computes the same inline (calling this cost its first load 0.7 KB).
pub fn scaled_size(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let (w, h) = (width.max(1), height.max(1));
    let scale = (f64::from(long_side) / f64::from(w.max(h))).min(1.0);
    (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1))
}

pub(crate) fn luma_of(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

pub(crate) fn percentile(histogram: &[u64; 256], share: f64) -> u8 {
    let total: u64 = histogram.iter().sum();
    let wanted = (total as f64 * share).ceil().max(1.0) as u64;
    let mut seen = 0;
    for (value, count) in histogram.iter().enumerate() {
        seen += count;
        if seen >= wanted {
            return value as u8;
        }
    }
    255
}

/// The share of pixels clearly darker than the paper around them (the brightest tenth of their
/// tile), so a page lit unevenly is not taken for print.
pub(crate) fn ink_share(luma: &[u8], w: usize, h: usize) -> f64 {
    let tile = TILE as usize;
    let mut ink = 0usize;
    for ty in (0..h).step_by(tile) {
        for tx in (0..w).step_by(tile) {
            let mut histogram = [0u64; 256];
            for y in ty..(ty + tile).min(h) {
                for x in tx..(tx + tile).min(w) {
                    histogram[usize::from(luma[y * w + x])] += 1;
                }
            }
            let paper = f64::from(percentile(&histogram, 0.9));
            let limit = paper - (INK_DEPTH * paper / 255.0).max(6.0);
            ink += histogram
                .iter()
                .enumerate()
                .filter(|(l, _)| (*l as f64) < limit)
                .map(|(_, n)| *n as usize)
                .sum::<usize>();
        }
    }
    ink as f64 / (w * h) as f64
}

/// The variance of the 4-neighbour Laplacian in each tile; the sharpest tenth's lowest (so a
/// document whose text fills a corner, or a face before a plain wall, is judged where the detail
/// is, and one sharp speck does not make a blurred picture sharp). Measured on the picture halved
/// by averaging 2 × 2 pixels: sensor grain and a JPEG's ringing, which differ with the encoder's
/// quality and the browser's resampling, are single-pixel noise the Laplacian would count as
/// detail (a blurred photo read 20 in one decoder and 57 in Chromium, 100 after re-encoding at
/// quality 0.95; halved, 18–24 in all).
pub(crate) fn sharpness(luma: &[u8], w: usize, h: usize) -> f64 {
    let (luma, w, h) = halved(luma, w, h);
    let tile = TILE as usize;
    let mut variances = Vec::new();
    let mut ty = 1;
    while ty + 1 < h {
        let mut tx = 1;
        while tx + 1 < w {
            let (mut sum, mut squares, mut n) = (0.0f64, 0.0f64, 0u32);
            for y in ty..(ty + tile).min(h - 1) {
                for x in tx..(tx + tile).min(w - 1) {
                    let at = |x: usize, y: usize| luma[y * w + x];
                    let lap = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4.0 * at(x, y);
                    sum += lap;
                    squares += lap * lap;
                    n += 1;
                }
            }
            if n > tile as u32 * 4 {
                let mean = sum / f64::from(n);
                variances.push(squares / f64::from(n) - mean * mean);
            }
            tx += tile;
        }
        ty += tile;
    }
    if variances.is_empty() {
        return 0.0;
    }
    variances.sort_by(f64::total_cmp);
    variances[variances.len() - 1 - variances.len() / 10]
}

/// `luma` at half its size, each pixel the mean of a 2 × 2 block (an odd last row or column is
/// dropped).
fn halved(luma: &[u8], w: usize, h: usize) -> (Vec<f64>, usize, usize) {
    let (half_w, half_h) = (w / 2, h / 2);
    let at = |x: usize, y: usize| f64::from(luma[y * w + x]);
    let mut half = Vec::with_capacity(half_w * half_h);
    for y in 0..half_h {
        for x in 0..half_w {
            half.push(
                (at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1)) / 4.0,
            );
        }
    }
    (half, half_w, half_h)
}

/// The background of an ID photo: the top tenth of rows but for the middle half of their width,
/// and the outer tenth on each side of the upper half (lower down the shoulders reach the edges).
/// The middle is left out because a head as large as the rules want (two thirds of the height, the
/// eyes at most half way down) has its hair inside the top tenth.
pub(crate) fn background(rgba: &[u8], w: usize, h: usize) -> Background {
    let (top, side) = ((h / 10).max(1), (w / 10).max(1));
    let (middle_from, middle_to) = (w / 4, w - w / 4);
    let mut sums = [0u64; 3];
    let mut lumas = Vec::new();
    for y in 0..h / 2 {
        for x in 0..w {
            let in_top_corners = y < top && (x < middle_from || x >= middle_to);
            let in_sides = x < side || x >= w - side;
            if !(in_top_corners || in_sides) {
                continue;
            }
            let p = &rgba[(y * w + x) * 4..][..3];
            for c in 0..3 {
                sums[c] += u64::from(p[c]);
            }
            lumas.push(f64::from(luma_of(p[0], p[1], p[2])));
        }
    }
    let n = lumas.len().max(1) as f64;
    let mean = lumas.iter().sum::<f64>() / n;
    let unevenness = (lumas.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).sqrt();
    Background { rgb: sums.map(|s| (s as f64 / n).round() as u8), unevenness }
}

//! The paper in a photograph of a document, straightened: the desk around it cut away and its
//! four corners taken to a rectangle, so that two photographs of one paper line up whatever the
//! tilt and framing (a hash of the whole photograph mostly saw the desk:
//! `./scripts/bench-picture-hashes.sh`).

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma};

use crate::grey::{bilinear, otsu};

/// The paper in a photograph, grey, as a 960 × 680 rectangle (680 × 960 when it stands upright).
///
/// On a 320 px copy, the desk is what is darker than Otsu's threshold and connected to the
/// picture's edge. The paper is the
/// largest region of the rest (its print included, and all of the picture when that is a scan or
/// cut inside the paper). Its corners are the region's extreme points along
/// the two diagonals (which holds while the paper is turned less than 45°), taken to the rectangle
/// by a homography, sampling a 1280 px copy bilinearly. When the region covers less than a tenth
/// of the picture, the whole picture is taken as the paper.
pub fn paper(img: &DynamicImage) -> GrayImage {
    let small = grey_thumbnail(img, 1280);
    let (sw, sh) = small.dimensions();
    let tiny = imageops::resize(&small, (sw / 4).max(1), (sh / 4).max(1), FilterType::Triangle);
    let (tw, th) = tiny.dimensions();
    let (px, threshold) = (tiny.as_raw(), otsu(&tiny));
    let edge = (0..tw).flat_map(|x| [x, (th - 1) * tw + x]).chain((0..th).flat_map(|y| [y * tw, y * tw + tw - 1]));
    let mut desk = vec![false; (tw * th) as usize];
    let dark = |i: u32| px[i as usize] <= threshold;
    flood(tw, th, edge.filter(|&i| dark(i)).collect(), &|_, to| dark(to), &mut desk);
    let region = largest_region(tw, th, &|i| !desk[i as usize]);
    let corners = if region.len() as u32 * 10 >= tw * th {
        let pick = |key: &dyn Fn(i64, i64) -> i64| {
            let &i = region.iter().max_by_key(|&&i| key((i % tw) as i64, (i / tw) as i64)).unwrap();
            let (x, y) = (i % tw, i / tw);
            // from the centre of a tiny pixel to small's coordinates
            ((x as f64 + 0.5) * sw as f64 / tw as f64, (y as f64 + 0.5) * sh as f64 / th as f64)
        };
        [pick(&|x, y| -(x + y)), pick(&|x, y| x - y), pick(&|x, y| x + y), pick(&|x, y| y - x)]
    } else {
        [(0.0, 0.0), (sw as f64, 0.0), (sw as f64, sh as f64), (0.0, sh as f64)]
    };
    let length = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
    let [tl, tr, br, bl] = corners;
    let across = length(tl, tr) + length(bl, br);
    let down = length(tl, bl) + length(tr, br);
    let (ow, oh) = if across >= down { (960, 680) } else { (680, 960) };
    let to_source = homography([(0.0, 0.0), (ow as f64, 0.0), (ow as f64, oh as f64), (0.0, oh as f64)], corners);
    GrayImage::from_fn(ow, oh, |u, v| {
        let (x, y) = apply(&to_source, u as f64 + 0.5, v as f64 + 0.5);
        Luma([bilinear(&small, (x - 0.5) as f32, (y - 0.5) as f32)])
    })
}

/// A grey copy at most `side` on the long side (the image crate's fast integer thumbnail).
fn grey_thumbnail(img: &DynamicImage, side: u32) -> GrayImage {
    let grey = img.to_luma8();
    let k = (side as f64 / grey.width().max(grey.height()) as f64).min(1.0);
    let (w, h) = ((grey.width() as f64 * k).round() as u32, (grey.height() as f64 * k).round() as u32);
    imageops::thumbnail(&grey, w.max(1), h.max(1))
}

/// The pixels of the largest 4-connected region of a `w` × `h` grid where `inside` holds.
fn largest_region(w: u32, h: u32, inside: &dyn Fn(u32) -> bool) -> Vec<u32> {
    let mut seen = vec![false; (w * h) as usize];
    let mut best = Vec::new();
    for start in 0..w * h {
        if !seen[start as usize] && inside(start) {
            let region = flood(w, h, vec![start], &|_, j| inside(j), &mut seen);
            if region.len() > best.len() {
                best = region;
            }
        }
    }
    best
}

/// Everything reached from `stack` by steps to a 4-neighbour where `step(from, to)` holds, marked
/// in `seen`, as indices.
fn flood(w: u32, h: u32, mut stack: Vec<u32>, step: &dyn Fn(u32, u32) -> bool, seen: &mut [bool]) -> Vec<u32> {
    stack.iter().for_each(|&i| seen[i as usize] = true);
    let mut region = Vec::new();
    while let Some(i) = stack.pop() {
        region.push(i);
        let (x, y) = (i % w, i / w);
        let neighbours =
            [(x > 0, i.wrapping_sub(1)), (x + 1 < w, i + 1), (y > 0, i.wrapping_sub(w)), (y + 1 < h, i + w)];
        for (exists, j) in neighbours {
            if exists && !seen[j as usize] && step(i, j) {
                seen[j as usize] = true;
                stack.push(j);
            }
        }
    }
    region
}

/// The projective map sending each `from` point to its `to` point (8 unknowns, 8 equations).
fn homography(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> [f64; 8] {
    let mut m = [[0.0f64; 9]; 8];
    for (i, (&(x, y), &(u, v))) in from.iter().zip(&to).enumerate() {
        m[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        m[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs())).unwrap();
        m.swap(col, pivot);
        for row in 0..8 {
            if row != col {
                let (f, pivot_row) = (m[row][col] / m[col][col], m[col]);
                m[row].iter_mut().zip(pivot_row).skip(col).for_each(|(x, p)| *x -= f * p);
            }
        }
    }
    std::array::from_fn(|i| m[i][8] / m[i][i])
}

fn apply(h: &[f64; 8], x: f64, y: f64) -> (f64, f64) {
    let d = h[6] * x + h[7] * y + 1.0;
    ((h[0] * x + h[1] * y + h[2]) / d, (h[3] * x + h[4] * y + h[5]) / d)
}

//! The paper in a photograph of a document, straightened: the surface around it cut away and its
//! four corners taken to a rectangle, so that two photographs of one paper line up whatever the
//! tilt and framing (a hash of the whole photograph mostly saw the surface:
//! `./scripts/bench-picture-hashes.sh`).
//!
//! That bench measures the finder as a whole, through the hash made of its paper (docs/benchmarks.md:
//! at 40 bits 485 of 495 pairs of one paper joined, the misses heavily shaded photos whose paper
//! the corner finder lost and photos cutting the paper's edges); none of the numbers below was
//! measured alone.

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma};

use crate::grey::{bilinear, otsu};

/// The long side of the straightened paper, in pixels: ample for what is made of it (a 16 × 16
/// DCT hash, `document_hash`; marks at 96 × 68, `page_layout`) and not more than the sampled copy
/// holds ([`SAMPLED_LONG_SIDE`]).
const PAPER_LONG_SIDE: u32 = 960;
/// The short side: 960 / 680 = 1.41, an A-series sheet's √2. A paper of another shape is
/// stretched to it, alike in every photograph of that paper, which is all the comparisons need.
const PAPER_SHORT_SIDE: u32 = 680;
/// The long side of the grey copy the paper is found in and sampled from: not below
/// [`PAPER_LONG_SIDE`], so the straightened paper is not enlarged, and small enough to keep the
/// work cheap (the whole hash costs about 80 ms of a core for a 3000 px photograph).
const SAMPLED_LONG_SIDE: u32 = 1280;
/// How many times smaller again the copy is in which the surface and the paper are distinguished (320 px
/// from 1280): a paper's outline needs no finer grid, and flooding a small grid is quick.
const OUTLINE_SHRINK: u32 = 4;
/// The paper must cover at least one part in this many of the picture (a tenth); a smaller light
/// region is a patch of the surface or of some object on it, not the paper photographed, and the
/// whole picture is taken instead.
const MIN_PAPER_SHARE_ONE_IN: u32 = 10;

/// The paper in a photograph, grey, as a [`PAPER_LONG_SIDE`] × [`PAPER_SHORT_SIDE`] rectangle
/// (960 × 680; 680 × 960 when it stands upright).
///
/// On a 320 px copy, the surface is what is darker than Otsu's threshold and connected to the
/// picture's edge. The paper is the
/// largest region of the rest (its print included, and all of the picture when that is a scan or
/// cut inside the paper). Its corners are the region's extreme points along
/// the two diagonals (which holds while the paper is turned less than 45°), taken to the rectangle
/// by a homography, sampling a 1280 px copy bilinearly. When the region covers less than a tenth
/// of the picture, the whole picture is taken as the paper.
pub fn paper(img: &DynamicImage) -> GrayImage {
    let small = grey_thumbnail(img, SAMPLED_LONG_SIDE);
    let (sw, sh) = small.dimensions();
    let tiny =
        imageops::resize(&small, (sw / OUTLINE_SHRINK).max(1), (sh / OUTLINE_SHRINK).max(1), FilterType::Triangle);
    let (tw, th) = tiny.dimensions();
    let (px, threshold) = (tiny.as_raw(), otsu(&tiny));
    let edge = (0..tw).flat_map(|x| [x, (th - 1) * tw + x]).chain((0..th).flat_map(|y| [y * tw, y * tw + tw - 1]));
    let mut surface = vec![false; (tw * th) as usize];
    let dark = |i: u32| px[i as usize] <= threshold;
    flood(tw, th, edge.filter(|&i| dark(i)).collect(), &|_, to| dark(to), &mut surface);
    let region = largest_region(tw, th, &|i| !surface[i as usize]);
    let corners = if region.len() as u32 * MIN_PAPER_SHARE_ONE_IN >= tw * th {
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
    let (ow, oh) =
        if across >= down { (PAPER_LONG_SIDE, PAPER_SHORT_SIDE) } else { (PAPER_SHORT_SIDE, PAPER_LONG_SIDE) };
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

#[cfg(test)]
mod tests {
    use super::*;

    const SURFACE: u8 = 50;
    const PAPER: u8 = 225;
    const PRINT: u8 = 30;

    /// A photograph of a light paper `size` px on a dark surface `surface` px, its centre at `centre`,
    /// turned `degrees` clockwise, with a dark block printed on it at `mark` (left, top, right,
    /// bottom, in the paper's own pixels from its top left corner).
    fn photo(surface: (u32, u32), centre: (f64, f64), size: (f64, f64), degrees: f64, mark: [f64; 4]) -> DynamicImage {
        let (sin, cos) = degrees.to_radians().sin_cos();
        DynamicImage::ImageLuma8(GrayImage::from_fn(surface.0, surface.1, |x, y| {
            let (dx, dy) = (x as f64 + 0.5 - centre.0, y as f64 + 0.5 - centre.1);
            let (u, v) = (dx * cos + dy * sin + size.0 / 2.0, -dx * sin + dy * cos + size.1 / 2.0);
            let on_paper = (0.0..size.0).contains(&u) && (0.0..size.1).contains(&v);
            let on_mark = (mark[0]..mark[2]).contains(&u) && (mark[1]..mark[3]).contains(&v);
            Luma([if !on_paper {
                SURFACE
            } else if on_mark {
                PRINT
            } else {
                PAPER
            }])
        }))
    }

    /// The bounding box (left, top, right, bottom) of the pixels darker (or, if `light`, lighter)
    /// than halfway between print and paper.
    fn bounds(grey: &GrayImage, light: bool) -> [f64; 4] {
        let middle = PRINT / 2 + PAPER / 2;
        let mut b = [f64::MAX, f64::MAX, 0.0f64, 0.0f64];
        for (x, y, p) in grey.enumerate_pixels() {
            if (p.0[0] > middle) == light {
                let (x, y) = (x as f64, y as f64);
                b = [b[0].min(x), b[1].min(y), b[2].max(x + 1.0), b[3].max(y + 1.0)];
            }
        }
        b
    }

    /// Each edge of `found` within `px` of `expected`'s.
    fn assert_near(found: [f64; 4], expected: [f64; 4], px: f64) {
        let off = found.iter().zip(expected).map(|(f, e)| (f - e).abs()).fold(0.0, f64::max);
        assert!(off <= px, "found {found:?}, drawn at {expected:?}: {off:.1} px off");
    }

    /// Where a block at `mark` on a paper `size` px lands on the straightened `out`.
    fn mark_on(out: &GrayImage, size: (f64, f64), mark: [f64; 4]) -> [f64; 4] {
        let (kx, ky) = (out.width() as f64 / size.0, out.height() as f64 / size.1);
        [mark[0] * kx, mark[1] * ky, mark[2] * kx, mark[3] * ky]
    }

    #[test]
    fn the_surface_is_cut_away_and_the_print_lands_where_it_was_drawn_on_the_paper() {
        let (size, mark) = ((600.0, 420.0), [150.0, 100.0, 240.0, 160.0]);
        let out = paper(&photo((800, 600), (400.0, 300.0), size, 0.0, mark));
        assert_eq!(out.dimensions(), (PAPER_LONG_SIDE, PAPER_SHORT_SIDE));
        // 1.6 straightened pixels to one of the photograph's: 6 px is under 4 of the photograph's.
        assert_near(bounds(&out, false), mark_on(&out, size, mark), 6.0);
        let (w, h) = out.dimensions();
        let border = out.enumerate_pixels().filter(|&(x, y, _)| x == 0 || y == 0 || x == w - 1 || y == h - 1);
        let nearer_paper_than_surface = |v: u8| u32::from(v) * 2 > u32::from(SURFACE) + u32::from(PAPER);
        assert!(
            border.into_iter().all(|(_, _, p)| nearer_paper_than_surface(p.0[0])),
            "no surface is left at the edges"
        );
    }

    #[test]
    fn a_turned_paper_is_straightened() {
        let (size, mark) = ((600.0, 420.0), [300.0, 200.0, 460.0, 300.0]);
        let out = paper(&photo((900, 700), (450.0, 350.0), size, 12.0, mark));
        assert_eq!(out.dimensions(), (PAPER_LONG_SIDE, PAPER_SHORT_SIDE));
        // Were it left turned, the block's edges would lie 14 px and more further out.
        assert_near(bounds(&out, false), mark_on(&out, size, mark), 8.0);
    }

    #[test]
    fn a_paper_standing_upright_comes_out_upright() {
        let (size, mark) = ((420.0, 600.0), [60.0, 400.0, 200.0, 440.0]);
        let out = paper(&photo((800, 700), (380.0, 350.0), size, -5.0, mark));
        assert_eq!(out.dimensions(), (PAPER_SHORT_SIDE, PAPER_LONG_SIDE));
        assert_near(bounds(&out, false), mark_on(&out, size, mark), 8.0);
    }

    #[test]
    fn a_scan_with_no_surface_around_it_is_all_paper() {
        let (size, mark) = ((700.0, 500.0), [500.0, 50.0, 650.0, 90.0]);
        let out = paper(&photo((700, 500), (350.0, 250.0), size, 0.0, mark));
        assert_near(bounds(&out, false), mark_on(&out, size, mark), 6.0);
    }

    #[test]
    fn a_light_patch_too_small_to_be_the_paper_leaves_the_whole_picture() {
        // 150 × 100 of 800 × 600: a thirty-second of the picture.
        let patch = [325.0, 250.0, 475.0, 350.0];
        let out = paper(&photo((800, 600), (400.0, 300.0), (150.0, 100.0), 0.0, [0.0; 4]));
        assert_eq!(out.get_pixel(5, 5).0[0], SURFACE, "the surface is kept");
        assert_near(bounds(&out, true), mark_on(&out, (800.0, 600.0), patch), 4.0);
    }
}

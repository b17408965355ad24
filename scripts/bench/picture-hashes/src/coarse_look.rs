//! A candidate fourth look, measured only: the two straightened papers of a pair the hash joins,
//! shrunk to 96 × 68, the light's slow changes taken out, and laid on each other at the best of
//! small shifts and scalings (normalised correlation). Two different layouts —
//! unrelated white pages whose dark block happens to sit alike — should correlate less than one
//! paper photographed twice. Prints, for the pairs meeting at `SAME_DOCUMENT_MAX_DISTANCE`, the
//! correlation of pairs of one paper (lowest), of one template and of unrelated pictures.
//! Names as similar_documents.py's (`t1_cert03_photo_tilt`) or seed_applications.py --draw's
//! (`c0007_id_card_2`). Usage: picture-hashes --coarse FOLDER

use image::imageops::{blur, resize, FilterType};
use image::GrayImage;
use picture_checks::document_hash::{document_hash, same_document};
use picture_checks::paper::paper;

struct Seen {
    name: String,
    /// One paper (similar_documents) or one candidate (--draw).
    group: String,
    /// The template (t1, t2) or the candidate's category.
    kind: String,
    hash: Vec<u8>,
    thumb: GrayImage,
}

pub fn run(folder: &str) {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "jpg"));
    paths.sort();
    let halves = paths.split_at(paths.len() / 2);
    let seen: Vec<Seen> = std::thread::scope(|scope| {
        let work = |part: &[std::path::PathBuf]| -> Vec<Seen> { part.iter().map(|p| seen(p)).collect() };
        let second = scope.spawn(move || work(halves.1));
        let mut all = work(halves.0);
        all.extend(second.join().unwrap());
        all
    });
    let mut by_kind: std::collections::BTreeMap<&str, Vec<(f32, String)>> = Default::default();
    for (i, a) in seen.iter().enumerate() {
        for b in &seen[i + 1..] {
            if same_document(&a.hash, &b.hash).is_none() {
                continue;
            }
            let kind = if a.group == b.group {
                if a.name.starts_with('c') {
                    continue; // one candidate's own pictures
                }
                "one paper"
            } else if a.name.starts_with('t') && a.kind == b.kind {
                "one template"
            } else {
                "unrelated"
            };
            by_kind
                .entry(kind)
                .or_default()
                .push((aligned_correlation(&a.thumb, &b.thumb), format!("{} ~ {}", a.name, b.name)));
        }
    }
    for (kind, mut list) in by_kind {
        list.sort_by(|x, y| x.0.total_cmp(&y.0));
        let median = list[list.len() / 2].0;
        println!(
            "{kind}: {} pairs; correlation lowest {:.3} ({}), median {median:.3}, highest {:.3} ({})",
            list.len(),
            list[0].0,
            list[0].1,
            list[list.len() - 1].0,
            list[list.len() - 1].1
        );
        for threshold in [0.5f32, 0.6, 0.7, 0.8] {
            println!("  below {threshold}: {}", list.iter().filter(|x| x.0 < threshold).count());
        }
    }
}

fn seen(path: &std::path::Path) -> Seen {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let (group, kind) = if name.starts_with('c') {
        let (candidate, category) = name.split_once('_').unwrap();
        (candidate.to_owned(), category.to_owned())
    } else {
        let paper = name.split("_scan").next().unwrap().split("_photo").next().unwrap().to_owned();
        let template = paper.split("_cert").next().unwrap().to_owned();
        (paper, template)
    };
    let image = crate::open_upright(path);
    let flat = paper(&image);
    let (w, h) = if flat.width() >= flat.height() { (96, 68) } else { (68, 96) };
    let small = blur(&resize(&flat, w, h, FilterType::Triangle), 1.0);
    // The light's slow changes taken out: what is left is the page's own marks.
    let slow = blur(&small, 6.0);
    let thumb = GrayImage::from_fn(w, h, |x, y| {
        image::Luma([
            (128 + i32::from(small.get_pixel(x, y).0[0]) - i32::from(slow.get_pixel(x, y).0[0])).clamp(0, 255) as u8,
        ])
    });
    Seen { name, group, kind, hash: document_hash(&image), thumb }
}

/// The best correlation over small shifts and scalings of `b` (a photo that cut the paper's edges
/// straightens to a slightly larger, shifted page).
fn aligned_correlation(a: &GrayImage, b: &GrayImage) -> f32 {
    if a.dimensions() != b.dimensions() {
        return -1.0;
    }
    let (w, h) = a.dimensions();
    let mut best = -1.0f32;
    for scale in [0.92f32, 0.96, 1.0, 1.04, 1.08] {
        for dx in -5..=5 {
            for dy in -4..=4 {
                let moved = GrayImage::from_fn(w, h, |x, y| {
                    let sx = ((x as f32 - w as f32 / 2.0) * scale + w as f32 / 2.0 + dx as f32).round();
                    let sy = ((y as f32 - h as f32 / 2.0) * scale + h as f32 / 2.0 + dy as f32).round();
                    let (sx, sy) = (sx.clamp(0.0, w as f32 - 1.0) as u32, sy.clamp(0.0, h as f32 - 1.0) as u32);
                    *b.get_pixel(sx, sy)
                });
                best = best.max(correlation(a, &moved));
            }
        }
    }
    best
}

fn correlation(a: &GrayImage, b: &GrayImage) -> f32 {
    if a.dimensions() != b.dimensions() {
        return -1.0; // one page upright, the other across: not one paper
    }
    let n = a.len() as f64;
    let (xa, xb): (Vec<f64>, Vec<f64>) =
        a.pixels().zip(b.pixels()).map(|(p, q)| (f64::from(p.0[0]), f64::from(q.0[0]))).unzip();
    let (ma, mb) = (xa.iter().sum::<f64>() / n, xb.iter().sum::<f64>() / n);
    let cov: f64 = xa.iter().zip(&xb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = xa.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = xb.iter().map(|y| (y - mb).powi(2)).sum();
    (cov / (va * vb).sqrt().max(1e-9)) as f32
}

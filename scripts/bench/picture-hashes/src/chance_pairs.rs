//! How often two unrelated people's pictures meet by chance under the server's hash and threshold
//! (`picture_checks::document_hash`, `SAME_DOCUMENT_MAX_DISTANCE`), on the reviewer-speed
//! benchmark's drawn candidates (`seed_applications.py --draw`: every picture drawn for one
//! candidate alone, `c0007_id_card_2.jpg`). Every pair of two candidates' pictures is compared;
//! the pairs that meet are counted per pair of categories, since two categories printed on one
//! template for everyone (an ID card's front or back) meet for another reason than chance. Then
//! what the server's look at the two layouts (`picture_checks::page_layout`) leaves of them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use picture_checks::document_hash::{document_hash, same_document, SAME_DOCUMENT_MAX_DISTANCE};
use picture_checks::page_layout::{page_marks, PageMarks};

struct Hashed {
    candidate: String,
    category: String,
    hash: Vec<u8>,
    marks: PageMarks,
}

pub fn run(folder: &str) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "jpg"));
    paths.sort();
    let started = std::time::Instant::now();
    let hashed: Vec<Hashed> = picture_hashes::on_two_cores(&paths, |path| hashed(path));
    println!("{} pictures hashed in {:.0} s", hashed.len(), started.elapsed().as_secs_f64());
    let mut pairs = 0u64;
    let mut met: BTreeMap<(String, String), (u64, u32)> = BTreeMap::new();
    let mut closest: Vec<(u32, String, String, f32)> = Vec::new();
    for (i, one) in hashed.iter().enumerate() {
        for other in &hashed[i + 1..] {
            if one.candidate == other.candidate {
                continue;
            }
            pairs += 1;
            if let Some(distance) = same_document(&one.hash, &other.hash) {
                let key = if one.category <= other.category {
                    (one.category.clone(), other.category.clone())
                } else {
                    (other.category.clone(), one.category.clone())
                };
                let entry = met.entry(key).or_insert((0, u32::MAX));
                entry.0 += 1;
                entry.1 = entry.1.min(distance);
                closest.push((
                    distance,
                    format!("{}_{}", one.candidate, one.category),
                    format!("{}_{}", other.candidate, other.category),
                    one.marks.likeness(&other.marks),
                ));
            }
        }
    }
    let total: u64 = met.values().map(|v| v.0).sum();
    println!(
        "pairs of two candidates' pictures: {pairs}; meeting at ≤ {SAME_DOCUMENT_MAX_DISTANCE} bits: {total} ({:.2} in 10 000)",
        total as f64 * 10_000.0 / pairs.max(1) as f64
    );
    for ((a, b), (count, nearest)) in &met {
        println!("  {a} ~ {b}: {count} (nearest {nearest} bits)");
    }
    closest.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
    for (distance, a, b, likeness) in closest.iter().take(10) {
        println!("  {distance:3} bits: {a} ~ {b}, layouts' likeness {likeness:.3}");
    }
    let left = closest.iter().filter(|pair| pair.3 >= picture_checks::page_layout::ONE_LAYOUT_FROM).count();
    println!("left 相似 after the look at the layouts: {left} of {}", closest.len());
}

fn hashed(path: &std::path::Path) -> Hashed {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    // c0007_id_card_2: the candidate, then the category and place (an ID card's front is 1, its back 2)
    let (candidate, category) = stem.split_once('_').unwrap();
    let picture = crate::open_upright(path);
    Hashed {
        candidate: candidate.to_owned(),
        category: category.to_owned(),
        hash: document_hash(&picture),
        marks: page_marks(&picture),
    }
}

//! The server's fourth look (`picture_checks::page_layout`) on the pairs the hash joins: the two
//! straightened papers' marks, small, laid on each other at the best of small shifts and
//! scalings. Prints, for the pairs meeting at `SAME_DOCUMENT_MAX_DISTANCE`, the likeness of pairs
//! of one paper (lowest: none may fall below the threshold), of one template and of unrelated
//! pictures. Names as similar_documents.py's (`t1_cert03_photo_tilt`) or seed_applications.py
//! --draw's (`c0007_id_card_2`). Usage: picture-hashes --layouts FOLDER

use picture_checks::document_hash::{document_hash, same_document};
use picture_checks::page_layout::{page_marks, PageMarks, ONE_LAYOUT_FROM};

struct Seen {
    name: String,
    /// One paper (similar_documents) or one candidate (--draw).
    group: String,
    /// The template (t1, t2) or the candidate's category.
    kind: String,
    hash: Vec<u8>,
    marks: PageMarks,
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
            by_kind.entry(kind).or_default().push((a.marks.likeness(&b.marks), format!("{} ~ {}", a.name, b.name)));
        }
    }
    for (kind, mut list) in by_kind {
        list.sort_by(|x, y| x.0.total_cmp(&y.0));
        let median = list[list.len() / 2].0;
        println!(
            "{kind}: {} pairs; likeness lowest {:.3} ({}), median {median:.3}, highest {:.3} ({})",
            list.len(),
            list[0].0,
            list[0].1,
            list[list.len() - 1].0,
            list[list.len() - 1].1
        );
        let parted = list.iter().filter(|x| x.0 < ONE_LAYOUT_FROM).count();
        println!("  told apart (below {ONE_LAYOUT_FROM}): {parted}");
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
    Seen { name, group, kind, hash: document_hash(&image), marks: page_marks(&image) }
}

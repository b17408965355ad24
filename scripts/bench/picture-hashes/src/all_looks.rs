//! Every look the server takes at a pair the hash joins, in its order (`documents_differ`): the two
//! layouts (`picture_checks::page_layout`), the two numbers, and where one number was read the
//! line laid on the blurred one, where neither was, one blurred line on the other
//! (`number_line_fit`). Prints what each look parts and what is left
//! "相似"; the layouts' likeness of pairs of one paper (lowest: none may fall below the threshold)
//! and of one template; and, of the pairs of two papers left, how many show a picture the
//! candidate was already advised about (the shared domain's looks advice, as the browser and the
//! server compute it: blurred, dark…), which the reviewer sends back for a retake either way.

use std::collections::{BTreeMap, HashMap};

use app::domain::picture_pixels::scaled_size;
use app::domain::picture_quality::{measure, quality_advice, PictureKind, ANALYSIS_SIDE};
use image::imageops::FilterType;
use picture_checks::number_line_fit::{Fit, BOTH_BLURRED_ALIGNED};
use picture_checks::number_reading::Reading;
use picture_checks::page_layout::{page_marks, PageMarks, ONE_LAYOUT_FROM};

use crate::{Pairs, Picture, SAME_DOCUMENT_MAX_DISTANCE};

/// `fits`: the third look's fit for each pair (lower index first) with one number read or none.
pub fn run(pictures: &[Picture], numbers: &[Reading], fits: &HashMap<(usize, usize), Option<Fit>>, first: &Pairs) {
    let marks: Vec<PageMarks> = pictures.iter().map(|p| page_marks(&p.image)).collect();
    let advice: Vec<Vec<&'static str>> = pictures.iter().map(looks_advice).collect();
    println!("\nall looks, in the server's order:");
    for (label, list) in [("one paper", &first.same), ("one template", &first.same_template)] {
        let mut parted: BTreeMap<&str, usize> = BTreeMap::new();
        let mut left = Vec::new();
        let mut likenesses: Vec<(f32, usize, usize)> = Vec::new();
        for &(distance, i, j) in list.iter().filter(|p| p.0 <= SAME_DOCUMENT_MAX_DISTANCE) {
            // Once per pair (the slowest step here); the server's rule, `other_layout_than`.
            let likeness = marks[i].likeness(&marks[j]);
            likenesses.push((likeness, i, j));
            let by = if likeness < ONE_LAYOUT_FROM {
                "layouts"
            } else {
                match (&numbers[i], &numbers[j]) {
                    (Reading::Read(a), Reading::Read(b)) if a != b => "numbers",
                    (Reading::Read(_), Reading::Read(_)) => "",
                    (Reading::Unreadable, Reading::Unreadable) => {
                        if fit_of(fits, i, j).is_some_and(Fit::shows_another_blurred_number) {
                            "two blurred numbers' lines"
                        } else {
                            ""
                        }
                    }
                    _ if fit_of(fits, i, j).is_some_and(Fit::shows_another_number) => "a blurred number's line",
                    _ => "",
                }
            };
            match by {
                "" => left.push((distance, i, j)),
                look => *parted.entry(look).or_default() += 1,
            }
        }
        let joined = left.len() + parted.values().sum::<usize>();
        println!("  pairs of {label}: {joined} joined by the hash; distinguished {parted:?}; left 相似 {}", left.len());
        likenesses.sort_by(|x, y| x.0.total_cmp(&y.0));
        if let (Some(lowest), Some(median)) = (likenesses.first(), likenesses.get(likenesses.len() / 2)) {
            let name = |k: usize| pictures[k].name.as_str();
            println!(
                "    layouts' likeness: lowest {:.3} ({} ~ {}), median {:.3}",
                lowest.0,
                name(lowest.1),
                name(lowest.2),
                median.0
            );
        }
        if label == "one template" {
            let advised = left.iter().filter(|&&(_, i, j)| !advice[i].is_empty() || !advice[j].is_empty()).count();
            let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
            for &(_, i, j) in &left {
                for code in advice[i].iter().chain(&advice[j]) {
                    *codes.entry(code).or_default() += 1;
                }
            }
            println!("    of those, with a picture the candidate was advised about: {advised} ({codes:?})");
            let unadvised: Vec<String> = left
                .iter()
                .filter(|&&(_, i, j)| advice[i].is_empty() && advice[j].is_empty())
                .take(12)
                .map(|&(_, i, j)| format!("{}~{}", pictures[i].name, pictures[j].name))
                .collect();
            println!("    without: {}", unadvised.join(", "));
            left_by_reason(pictures, numbers, fits, &left);
        }
    }
}

/// The fit measured for the pair `i`, `j` (either order), if its lines were laid on each other.
fn fit_of(fits: &HashMap<(usize, usize), Option<Fit>>, i: usize, j: usize) -> Option<Fit> {
    fits.get(&(i.min(j), i.max(j))).copied().flatten()
}

/// The looks advice's codes, measured as the server measures a stored document picture.
fn looks_advice(picture: &Picture) -> Vec<&'static str> {
    let (w, h) = scaled_size(picture.image.width(), picture.image.height(), ANALYSIS_SIDE);
    let small = picture.image.resize_exact(w, h, FilterType::Triangle).to_rgba8();
    measure(small.as_raw(), small.width(), small.height())
        .map(|m| quality_advice(&m, PictureKind::Document).into_iter().map(|v| v.code.as_str()).collect())
        .unwrap_or_default()
}

/// Why the pairs of two papers left 相似 stayed so, and which unread pictures they hang on.
fn left_by_reason(
    pictures: &[Picture],
    numbers: &[Reading],
    fits: &HashMap<(usize, usize), Option<Fit>>,
    left: &[(u32, usize, usize)],
) {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unread_sides: BTreeMap<&str, usize> = BTreeMap::new();
    let mut every_digit_fits = Vec::new();
    for &(_, i, j) in left {
        let reason = match (&numbers[i], &numbers[j], fit_of(fits, i, j)) {
            (Reading::Unreadable, Reading::Unreadable, None) => "both unread, no line",
            (Reading::Unreadable, Reading::Unreadable, Some(fit)) if fit.median_cell < BOTH_BLURRED_ALIGNED => {
                "both unread, not laid"
            }
            (Reading::Unreadable, Reading::Unreadable, _) => "both unread, no digit far unlike",
            (Reading::Read(_), Reading::Read(_), _) => "both read alike",
            (_, _, None) => "one read, no line on the other",
            (_, _, Some(fit)) if !fit.aligned() => "one read, line not aligned",
            (_, _, Some(fit)) => {
                every_digit_fits.push(format!(
                    "{}~{} (median {:.3}, least {:.3}, contrast {:.2}, own digit's lead {:.3})",
                    pictures[i].name,
                    pictures[j].name,
                    fit.median_cell,
                    fit.worst_cell,
                    fit.cell_contrast(),
                    fit.least_own_digit_lead.unwrap_or(f32::NAN)
                ));
                "one read, every digit fits"
            }
        };
        *reasons.entry(reason).or_default() += 1;
        for k in [i, j].into_iter().filter(|&k| matches!(numbers[k], Reading::Unreadable)) {
            *unread_sides.entry(pictures[k].name.as_str()).or_default() += 1;
        }
    }
    println!("    left, by why: {reasons:?}");
    println!("    left, by unread picture: {unread_sides:?}");
    println!("    left, one read and every digit fits: {}", every_digit_fits.join(", "));
}

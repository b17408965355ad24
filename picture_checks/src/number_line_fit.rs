//! The number on a picture too blurred to read, compared with the number on another picture that
//! was read (`number_reading`): where the perceptual hash joins two people's certificates printed
//! on one template and only one's number reads, are they one paper (a copy handed in twice) or
//! two? The read picture's likeliest lines (the number's among them) are blurred as much as fits
//! the other's and laid on its likeliest lines — shift, scale and blur searched for the best
//! normalised correlation — and at the best fit each digit's cell is compared alone. Another
//! number leaves some digit's cell unlike; the same paper matches in every cell.
//!
//! Where neither number reads, one blurred picture's lines are laid on the other's the same way
//! ([`best_fit_either_way`], [`Fit::shows_another_blurred_number`]), and only onto a picture
//! blur has softened already ([`ALREADY_BLURRED`]; a sharp page with no number says nothing so).
//! Both blurred, a digit of the same paper may fit as poorly as a differing one would on a sharp
//! side, so only the contrast tells, and the line is cut into [`CELLS_OF_AN_UNREAD_NUMBER`] cells
//! since no digit count was read.
//!
//! Whether a fit shows another number, and the thresholds the bench chose for that, are `fit`'s
//! ([`Fit`]); this module finds the fit.

use crate::grey::{along_rows, correlation};
use crate::id_number_line::{straighten, MARGIN_ACROSS, MARGIN_ALONG};
use crate::number_reading::{likeliest_lines, DIGIT_PX};
use image::imageops::{blur, resize, FilterType};
use image::{DynamicImage, GrayImage};

mod fit;
pub use fit::{
    Fit, ALIGNED, ALIGNED_ALONG, BOTH_BLURRED_ALIGNED, CELL_CONTRAST, DIGIT_FIT, FIRST_OF_TWO_CONTRAST,
    OTHER_DIGIT_LEAD, SECOND_OF_TWO_CONTRAST,
};

/// How many of a picture's likeliest lines are compared.
const LINES: usize = 2;
/// The [`softness`] from which a picture's line counts as blurred already, to lay another on it
/// where neither number read. On the bench's first shoot every picture whose number did not read
/// had a line of at least 0.952; scans and sharp photos 0.708–0.835.
pub const ALREADY_BLURRED: f32 = 0.90;
/// The cells a line is cut into when neither number was read: the commonest length (a 毕业证书's
/// 18 digits; on the bench, 16 on a 学位证书's line parts the same pairs).
pub const CELLS_OF_AN_UNREAD_NUMBER: usize = 18;

/// A picture's likeliest lines, straightened, a digit `DIGIT_PX` high.
pub fn line_crops(picture: &DynamicImage) -> Vec<GrayImage> {
    let grey = picture.to_luma8();
    let (likeliest, up) = likeliest_lines(&grey, LINES);
    likeliest.iter().map(|line| straighten(&grey, line, up, DIGIT_PX, false)).collect()
}

/// The best fit of any of `sharp`'s lines (of a picture whose number has `digits` digits) on any of
/// `blurred`'s.
pub fn best_fit(sharp: &[GrayImage], digits: usize, blurred: &[GrayImage]) -> Option<Fit> {
    fit_line(sharp, digits, None, blurred)
}

/// As [`best_fit`], for a sharp side whose number `number` was read: also how well each cell's
/// own digit fits against the read line's other digits ([`Fit::least_own_digit_lead`]).
pub fn best_fit_of_number(sharp: &[GrayImage], number: &str, blurred: &[GrayImage]) -> Option<Fit> {
    fit_line(sharp, number.len(), Some(number.as_bytes()), blurred)
}

fn fit_line(sharp: &[GrayImage], digits: usize, number: Option<&[u8]>, blurred: &[GrayImage]) -> Option<Fit> {
    // Searched at half size, then settled at full size around the best.
    let halves: Vec<GrayImage> = blurred.iter().map(half).collect();
    let mut best: Option<(f32, GrayImage, usize, i32, i32)> = None;
    for a in sharp {
        for (b_index, b) in blurred.iter().enumerate() {
            for scale in [0.96f32, 1.0, 1.04] {
                let width = (b.width() as f32 * scale).round() as u32;
                let height = (a.height() as f32 * width as f32 / a.width() as f32).round().max(1.0) as u32;
                let resized = resize(a, width, height, FilterType::Triangle);
                for sigma in [4.0f32, 6.0, 8.0] {
                    let softened: GrayImage = blur(&resized, sigma);
                    let small = half(&softened);
                    let centred = (halves[b_index].height() as i32 - small.height() as i32) / 2;
                    let mut coarse = (-1.0f32, 0, 0);
                    for dy in centred - 2..=centred + 2 {
                        for dx in -24..=24 {
                            let c = correlation(&small, &halves[b_index], dx, dy, 0, small.width());
                            if c > coarse.0 {
                                coarse = (c, dx, dy);
                            }
                        }
                    }
                    for dy in 2 * coarse.2 - 2..=2 * coarse.2 + 2 {
                        for dx in 2 * coarse.1 - 2..=2 * coarse.1 + 2 {
                            let c = correlation(&softened, b, dx, dy, 0, softened.width());
                            if best.as_ref().is_none_or(|best| c > best.0) {
                                best = Some((c, softened.clone(), b_index, dx, dy));
                            }
                        }
                    }
                }
            }
        }
    }
    let (whole, softened, b_index, dx, dy) = best?;
    let b = &blurred[b_index];
    // The number's cells: the crop has MARGIN_ALONG digits' height of margin at each end, and is
    // twice MARGIN_ACROSS digits high.
    let margin = (DIGIT_PX * MARGIN_ALONG * softened.height() as f32 / (2.0 * MARGIN_ACROSS * DIGIT_PX)) as u32;
    let span = softened.width().saturating_sub(2 * margin);
    let cells = digits.max(1) as u32;
    let (softened_along, b_along) = (along_rows(&softened), along_rows(b));
    let bounds = |k: u32| (margin + span * k / cells, margin + span * (k + 1) / cells);
    // How well `a`'s cell `from` fits `b` where `a`'s cell `onto` lies, at the best small shift.
    let cell_fit = |a: &GrayImage, b: &GrayImage, from: u32, onto: u32| {
        let ((x0, x1), (onto_x0, _)) = (bounds(from), bounds(onto));
        let moved = dx + onto_x0 as i32 - x0 as i32;
        let mut cell_best = -1.0f32;
        for ddx in -3..=3 {
            for ddy in -2..=2 {
                cell_best = cell_best.max(correlation(a, b, moved + ddx, dy + ddy, x0, x1));
            }
        }
        cell_best
    };
    let each_cell_of =
        |a: &GrayImage, b: &GrayImage| -> Vec<f32> { (0..cells).map(|k| cell_fit(a, b, k, k)).collect() };
    let own = each_cell_of(&softened, b);
    let least_own_digit_lead = number.filter(|n| n.len() == cells as usize).map(|n| {
        (0..cells)
            .map(|k| {
                let others = (0..cells).filter(|&j| n[j as usize] != n[k as usize]);
                let best_other = others.map(|j| cell_fit(&softened, b, j, k)).fold(-1.0f32, f32::max);
                own[k as usize] - best_other
            })
            .fold(f32::INFINITY, f32::min)
    });
    let mut each_cell = own;
    each_cell.sort_by(f32::total_cmp);
    let mut each_along = each_cell_of(&softened_along, &b_along);
    each_along.sort_by(f32::total_cmp);
    Some(Fit {
        whole,
        worst_cell: each_cell[0],
        next_worst_cell: each_cell[1.min(each_cell.len() - 1)],
        median_cell: each_cell[each_cell.len() / 2],
        median_along_cell: each_along[each_along.len() / 2],
        least_own_digit_lead,
    })
}

/// Of two blurred pictures' lines, neither read: the better of laying either on the other. Laying
/// blurs the laid line further and never sharpens it, so the less blurred picture laid on the
/// other fits best, and only that way round do its digits show what the blur left of them.
/// Only laid on a picture whose lines blur has already softened ([`ALREADY_BLURRED`]): two sharp
/// pictures whose numbers did not read (a page with no number, the very file twice) laid so fit
/// unevenly wherever their print is finest, which says nothing of their digits.
pub fn best_fit_either_way(one: &[GrayImage], other: &[GrayImage], cells: usize) -> Option<Fit> {
    let ways = [(one, other), (other, one)];
    ways.into_iter()
        .filter(|(_, laid_on)| laid_on.iter().map(softness).any(|s| s >= ALREADY_BLURRED))
        .filter_map(|(laid, laid_on)| best_fit(laid, cells, laid_on))
        .max_by(|a, b| a.whole.total_cmp(&b.whole))
}

/// How little a line changes when blurred further (σ 4 px on digits 40 px high): the normalised
/// correlation of the line with itself so blurred. A sharp line loses its edges and fits less; a
/// line blur has already softened hardly changes.
pub fn softness(line: &GrayImage) -> f32 {
    correlation(&blur(line, 4.0), line, 0, 0, 0, line.width())
}

fn half(img: &GrayImage) -> GrayImage {
    resize(img, (img.width() / 2).max(1), (img.height() / 2).max(1), FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A straightened line as `straighten` cuts it (a digit 40 px high, half a digit of margin at
    /// each end, the line in the middle of 80 px) whose "digits" are blocks with windows cut out
    /// by the digit's bits: alike in ink, unlike in shape.
    fn line_of(digits: &str) -> GrayImage {
        let cell = 24u32;
        let width = 40 + cell * digits.len() as u32;
        GrayImage::from_fn(width, 80, |x, y| {
            let Some(k) = x.checked_sub(20).map(|x| x / cell).filter(|&k| (k as usize) < digits.len()) else {
                return Luma([235]);
            };
            let digit = digits.as_bytes()[k as usize] - b'0';
            let (cx, cy) = ((x - 20) % cell, y);
            let ink = (3..21).contains(&cx) && (20..60).contains(&cy);
            // Each set bit opens one quarter of the block.
            let window = (0..4u32).any(|bit| {
                let (qx, qy) = (4 + (bit % 2) * 8, 22 + (bit / 2) * 19);
                digit & (1 << bit) != 0 && (qx..qx + 7).contains(&cx) && (qy..qy + 16).contains(&cy)
            });
            Luma([if ink && !window { 30 } else { 235 }])
        })
    }

    /// Blurred as a phone out of focus leaves it, with a little noise.
    fn photographed(line: &GrayImage) -> GrayImage {
        let mut soft: GrayImage = blur(line, 5.0);
        for (i, p) in soft.pixels_mut().enumerate() {
            p.0[0] = p.0[0].saturating_add(((i * 7919) % 13) as u8);
        }
        soft
    }

    #[test]
    fn the_same_number_blurred_fits_in_every_digit() {
        let number = "104231202005001234";
        let fit = best_fit(&[line_of(number)], number.len(), &[photographed(&line_of(number))]).unwrap();
        assert!(fit.median_cell >= ALIGNED, "{fit:?}");
        assert!(!fit.shows_another_number(), "{fit:?}");
    }

    #[test]
    fn a_classmates_number_blurred_misfits_where_the_digits_differ() {
        let fit =
            best_fit(&[line_of("104231202005001234")], 18, &[photographed(&line_of("104231202005001882"))]).unwrap();
        assert!(fit.median_cell >= ALIGNED, "the line is aligned: {fit:?}");
        assert!(fit.shows_another_number(), "{fit:?}");
    }

    #[test]
    fn a_cell_fitted_better_by_another_of_the_read_digits_than_by_its_own_is_another_number() {
        let number = "104231202005001234";
        let copy = best_fit_of_number(&[line_of(number)], number, &[photographed(&line_of(number))]).unwrap();
        assert!(copy.least_own_digit_lead.unwrap() > 0.0, "each digit fits its own cell best: {copy:?}");
        assert!(!copy.shows_another_number(), "{copy:?}");
        // A classmate's number, one digit other (2 where the read one has 3), blurred: that cell
        // fits the read line's own 3 better than its 2.
        let classmates = "104231202005001334";
        let fit = best_fit_of_number(&[line_of(number)], number, &[photographed(&line_of(classmates))]).unwrap();
        assert!(fit.another_digit_fits_better(), "{fit:?}");
        // The pairs the contrast left on the bench: every digit fits (contrast 3.19), and another
        // digit fits a cell better by 0.13.
        let left = Fit {
            whole: 0.93,
            worst_cell: 0.848,
            next_worst_cell: 0.9,
            median_cell: 0.952,
            median_along_cell: 0.9,
            least_own_digit_lead: Some(-0.13),
        };
        assert!(left.shows_another_number());
        // Pairs of one paper: each cell's own digit fitted best, but once by another by 0.024.
        assert!(!Fit { least_own_digit_lead: Some(0.004), ..left }.shows_another_number());
        assert!(!Fit { least_own_digit_lead: Some(-0.024), ..left }.shows_another_number());
    }

    #[test]
    fn of_two_blurred_lines_neither_read_only_a_digit_far_unlike_the_others_is_another_number() {
        let (number, classmates) = ("104231202005001234", "104231202005001882");
        let cells = CELLS_OF_AN_UNREAD_NUMBER;
        let copy = best_fit_either_way(&[photographed(&line_of(number))], &[photographed(&line_of(number))], cells);
        assert!(!copy.unwrap().shows_another_blurred_number(), "{copy:?}");
        // One picture less blurred than the other: laid on the more blurred one, its digits show.
        let lightly = blur(&line_of(classmates), 1.5);
        let two =
            best_fit_either_way(&[photographed(&line_of(number))], std::slice::from_ref(&lightly), cells).unwrap();
        assert!(two.shows_another_blurred_number(), "{two:?}");
        let heavy_on_light = best_fit(&[photographed(&line_of(number))], cells, &[lightly]).unwrap();
        assert!(!heavy_on_light.shows_another_blurred_number(), "the other way round, nothing: {heavy_on_light:?}");
        // Two blurred copies of one paper on the bench: a digit as low as 0.799, evenly poor.
        let one_paper = Fit {
            whole: 0.85,
            worst_cell: 0.799,
            next_worst_cell: 0.81,
            median_cell: 0.88,
            median_along_cell: 0.8,
            least_own_digit_lead: None,
        };
        assert!(!one_paper.shows_another_blurred_number(), "{}", one_paper.cell_contrast());
    }

    #[test]
    fn two_sharp_lines_whose_numbers_did_not_read_are_not_laid_on_each_other() {
        // A page with no number handed in twice, the very file: sharp, its print unevenly fine.
        let line = line_of("104231202005001234");
        assert!(softness(&line) < ALREADY_BLURRED, "{}", softness(&line));
        assert!(softness(&photographed(&line)) >= ALREADY_BLURRED, "{}", softness(&photographed(&line)));
        let cells = CELLS_OF_AN_UNREAD_NUMBER;
        assert!(best_fit_either_way(std::slice::from_ref(&line), std::slice::from_ref(&line), cells).is_none());
    }

    /// A line of other print, blurred: bars of ink as long as several characters, with gaps.
    fn bars() -> GrayImage {
        let runs = [(20u32, 150u32), (166, 300), (318, 420), (436, 452)];
        GrayImage::from_fn(472, 80, |x, y| {
            let ink = (22..58).contains(&y) && runs.iter().any(|&(a, b)| (a..b).contains(&x));
            Luma([if ink { 40 } else { 230 }])
        })
    }

    #[test]
    fn a_number_laid_on_a_blurred_line_of_other_print_says_nothing() {
        // Where the blurred picture's number line was not found and another line was: the band of
        // ink fits, the gaps between its words do not, and yet it is no other number.
        let fit = best_fit(&[line_of("104231202005001234")], 18, &[photographed(&bars())]).unwrap();
        assert!(!fit.shows_another_number(), "{fit:?}");
    }

    #[test]
    fn a_line_that_fits_nowhere_says_nothing() {
        let noise = GrayImage::from_fn(472, 80, |x, y| Luma([((x * 31 + y * 17) % 200) as u8]));
        let fit = best_fit(&[line_of("104231202005001234")], 18, &[noise]).unwrap();
        assert!(!fit.shows_another_number(), "{fit:?}");
    }
}

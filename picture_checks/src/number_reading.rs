//! Reading one long number printed on a picture — an ID card's 公民身份号码, a certificate's
//! 证书编号 — with tesseract, which reads one straight line of digits well and a whole photographed
//! document badly (the guilloche, the Chinese text and the tilt break its page layout). So the line
//! is found first (`id_number_line`) and tesseract is handed only that:
//!
//! 1. grey, shrunk so the long side is at most [`WORK_LONG_SIDE`] px, for finding the line;
//! 2. the likeliest few lines as long as an 18-digit number are cut out of the full picture along
//!    their own slant (rotation and mild perspective straightened), scaled so a digit is
//!    [`DIGIT_PX`] high, and read by `tesseract --psm 7` with the whitelist 0-9 and X, prepared
//!    three ways (grey, binarised, grey 1.4 times larger);
//! 3. a read counts only if the caller's check accepts it, and a number is taken only once two
//!    crops have read the same accepted number (see [`Agreement`]). Nothing is guessed: a read
//!    that fails is not repaired, the next crop is tried, and when none agree the picture is
//!    [`Reading::Unreadable`], as it is when the time runs out after some crops were read. When
//!    tesseract fails, or runs out of time before it read a crop, the picture is
//!    [`Reading::Unfinished`]: that says nothing of the picture, and the caller tries again later.
//!
//! Measured by `./scripts/bench-id-ocr.sh` and `./scripts/bench-picture-hashes.sh` (figures in
//! docs/benchmarks.md).

use std::path::Path;
use std::time::{Duration, Instant};

use image::{DynamicImage, GrayImage};

use crate::grey::shrink;
use crate::id_number_line::{
    glyphs, lines, local_threshold, straighten, Glyph, Line, NUMBER_LENGTH, SEPARATE_CHARACTERS,
};
use crate::tesseract_line::run_tesseract;

/// What the picture says the number is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A number the caller's check accepted, read the same by two crops.
    Read(String),
    /// Every likely line of the picture was read, and none as an accepted number.
    Unreadable,
    /// Tesseract failed (not installed, a broken language file), or was still reading its first
    /// crop at the deadline (a machine busy past any normal load): nothing is known of the picture.
    Unfinished,
}

/// How sure two agreeing crops must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Two crops read the same accepted number, whatever others read before: enough where the
    /// number carries its own check digit (an ID number's GB 11643), which a misread seldom
    /// passes.
    AnyTwo,
    /// The first two accepted reads must be the same: one accepted read that differs from
    /// another and the picture is unreadable. For numbers without a check digit, where a blurred
    /// line was once read twice as the same wrong number after two other wrong ones.
    FirstTwo,
}

/// The long side of the shrunk copy in which the line is looked for.
pub const WORK_LONG_SIDE: u32 = 1600;
/// The height a digit is scaled to before tesseract reads the line.
pub const DIGIT_PX: f32 = 40.0;
/// How many candidate lines are read at most, likeliest first.
const MAX_LINES: usize = 4;

/// Reads the number off `picture` (already upright) with the tesseract binary at `tesseract`,
/// giving up after `timeout` in all. `accept` turns what tesseract read into the number, or
/// refuses it; `trace` is shown every crop tesseract read and what it read, for looking into a
/// picture that did not read.
pub fn read_number(
    picture: &DynamicImage,
    tesseract: &Path,
    timeout: Duration,
    accept: &dyn Fn(&str) -> Option<String>,
    agreement: Agreement,
    trace: &mut dyn FnMut(&GrayImage, &str),
) -> Reading {
    let deadline = Instant::now() + timeout;
    let grey = picture.to_luma8();
    let (likeliest, up) = likeliest_lines(&grey, MAX_LINES);
    let mut accepted: Vec<String> = Vec::new();
    let mut read_any = false;
    for line in likeliest {
        // A line not clearly longer than the number may have lost a digit at an end to blur:
        // then it is also read stretched at both ends to the number's length and a little over.
        let mut cuts = vec![line];
        if line.length() < NUMBER_LENGTH + 0.3 {
            cuts.push(line.stretched_to(NUMBER_LENGTH + 0.8));
        }
        let preparations = [(DIGIT_PX, false), (DIGIT_PX, true), (DIGIT_PX * 1.4, false)];
        for (cut, (digit_px, binarise)) in cuts.iter().flat_map(|cut| preparations.map(|p| (cut, p))) {
            let crop = straighten(&grey, cut, up, digit_px, binarise);
            let Some(text) = run_tesseract(tesseract, &crop, deadline) else {
                // Out of time after some crops were read: the picture had its time, as a blurred
                // one that reads nothing often uses it all. Before any: tesseract itself failed.
                return if read_any { Reading::Unreadable } else { Reading::Unfinished };
            };
            read_any = true;
            trace(&crop, text.trim());
            let spaced_out: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(number) = accept(&spaced_out) {
                // Two differently prepared crops must agree: a blurred line can, rarely, misread
                // as another accepted number, but hardly as the same one twice.
                if accepted.contains(&number) {
                    return Reading::Read(number);
                }
                if agreement == Agreement::FirstTwo && !accepted.is_empty() {
                    return Reading::Unreadable;
                }
                accepted.push(number);
            }
        }
    }
    Reading::Unreadable
}

/// The `count` likeliest lines as long as a number, found in a copy of `grey` shrunk to
/// [`WORK_LONG_SIDE`], and how many times larger `grey` is than that copy (what `straighten`
/// scales the lines by).
pub fn likeliest_lines(grey: &GrayImage, count: usize) -> (Vec<Line>, f32) {
    let (work, scale) = shrink(grey, WORK_LONG_SIDE);
    let ink = local_threshold(&work);
    let all = glyphs(&ink, work.width(), work.height());
    let separate: Vec<Glyph> = all.iter().copied().filter(|g| g.no_wider_than(SEPARATE_CHARACTERS)).collect();
    let mut found = lines(&separate);
    if found.len() < count {
        // Blur can run so many digits together that the chain breaks at the widest blob; found
        // again letting such blobs through, a heavily blurred number's line is found too.
        for line in lines(&all) {
            if !found.iter().any(|seen| seen.same_place(&line)) {
                found.push(line);
            }
        }
    }
    found.truncate(count);
    (found, 1.0 / scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A page with one 18-digit number whose digits (12 × 18 px, every 15 px) blur has run
    /// together in the runs `runs` (each run one blob of ink), starting at (400, 600).
    fn page_with_number_in_runs(runs: &[u32]) -> GrayImage {
        let first_of_run: Vec<u32> =
            runs.iter().scan(0, |start, run| Some(std::mem::replace(start, *start + run))).collect();
        GrayImage::from_fn(1600, 1200, |x, y| {
            let (Some(along), true) = (x.checked_sub(400), (600..618).contains(&y)) else {
                return Luma([235]);
            };
            let (digit, within) = (along / 15, along % 15);
            // With a hole, as most digits have: a solid block is no character.
            let hole = (4..8).contains(&within) && (603..611).contains(&y);
            let in_digit = digit < 18 && within < 12 && !hole;
            // Joined to the next digit at mid height, unless the next starts a run.
            let bridge =
                digit + 1 < 18 && within >= 12 && (606..612).contains(&y) && !first_of_run.contains(&(digit + 1));
            Luma([if in_digit || bridge { 30 } else { 235 }])
        })
    }

    #[test]
    fn a_number_whose_digits_blur_ran_together_seven_at_a_time_is_still_found() {
        for runs in [&[4, 7, 7][..], &[1; 18][..]] {
            let (found, up) = likeliest_lines(&page_with_number_in_runs(runs), 2);
            assert_eq!(up, 1.0);
            let line = found.first().unwrap_or_else(|| panic!("no line found in runs {runs:?}"));
            assert!((line.length() - NUMBER_LENGTH).abs() < 1.0, "runs {runs:?}: {line:?}");
            let expected = Line { start: (400.0, 608.5), end: (666.0, 608.5), glyph_height: 18.0 };
            assert!(line.same_place(&expected), "runs {runs:?}: {line:?}");
        }
    }
}

//! Where the 18-character number runs on a picture of an ID card's front: ink by a local
//! threshold, blobs the size of printed characters (both `ink_blobs`), chains of like blobs along
//! one straight (perhaps slanted) line as long as the number; then that line cut out of the full
//! picture, straightened and scaled for tesseract to read as one line.
//!
//! The ID card and certificate benches (`./scripts/bench-id-ocr.sh`,
//! `./scripts/bench-picture-hashes.sh`, docs/benchmarks.md) measure the finder as a whole; none of
//! the numbers below was measured alone unless its comment gives a figure.

use image::{GrayImage, Luma};

use crate::grey::{bilinear, otsu};

mod ink_blobs;
pub use ink_blobs::{glyphs, local_threshold, Glyph, RUN_TOGETHER, SEPARATE_CHARACTERS};

/// A run of blobs along one straight line: where its ink starts and ends (on the line through
/// the blobs' centres), and the blobs' height, in the shrunk picture's pixels.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub(crate) start: (f32, f32),
    pub(crate) end: (f32, f32),
    pub(crate) glyph_height: f32,
}

impl Line {
    /// Its length in glyph heights.
    pub fn length(&self) -> f32 {
        (self.end.0 - self.start.0).hypot(self.end.1 - self.start.1) / self.glyph_height
    }

    /// Whether `other` runs where this line does: each end within a glyph's height.
    pub fn same_place(&self, other: &Line) -> bool {
        let near = |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).hypot(a.1 - b.1) <= self.glyph_height;
        near(self.start, other.start) && near(self.end, other.end)
    }

    /// The same line lengthened equally at both ends to `length` glyph heights.
    pub fn stretched_to(&self, length: f32) -> Line {
        let k = (length / self.length() - 1.0) / 2.0;
        let (dx, dy) = ((self.end.0 - self.start.0) * k, (self.end.1 - self.start.1) * k);
        Line { start: (self.start.0 - dx, self.start.1 - dy), end: (self.end.0 + dx, self.end.1 + dy), ..*self }
    }
}

/// How long the number's line is, in digit heights: 17 pitches of 0.83 h and a digit's width
/// (an OCR-B-like face); a line between `MIN_LENGTH` and `MAX_LENGTH` is a candidate.
pub const NUMBER_LENGTH: f32 = 14.6;
/// The shortest line taken for the number, in its blobs' heights, about a quarter short of
/// [`NUMBER_LENGTH`]: a tilted line's blobs are taller than its digits, so it measures fewer
/// heights; a certificate's 16-digit number in the same face is 12.9; and blur may have broken a digit off
/// an end (`number_reading` also reads such a line stretched to the number's length).
const MIN_LENGTH: f32 = 11.0;
/// The longest, about as much over: digits set wider apart than the ID card's, or a mark at an
/// end chained on.
const MAX_LENGTH: f32 = 19.0;
/// The widest gap from one blob to the next on a line, in blob heights: two digits of the ID
/// card's face are about a third of a height apart (a pitch of 0.83 less a digit's 0.49), and a
/// narrow 1 leaves more on each side. A blob
/// blur shrank leaves a gap wider than this (19 px among blobs 17–18 px high on one certificate
/// photo); carrying the chain across such gaps found other print before the number on every
/// picture and was not adopted (docs/benchmarks.md, 2026-11-27).
const MAX_GAP: f32 = 0.9;
/// How far the next blob may start back over this one, in heights: blur and slant let
/// neighbouring digits' boxes overlap a little.
const MAX_OVERLAP: f32 = 0.25;
/// How far the next blob's centre may lie off the line, per pixel along it: a slant up to about
/// 1 in 4, well past the turns of the benches' photos (up to 6° on ID cards, 7° on
/// certificates, about 1 in 8)…
const MAX_SLANT: f32 = 0.3;
/// …plus this many heights whatever the slant: blobs of unlike characters sit a little higher or
/// lower.
const SLANT_SLACK: f32 = 0.15;
/// The next blob's height, as a share of this one's, from this…
const MIN_HEIGHT_RATIO: f32 = 0.75;
/// …to this (its inverse): digits of one line are printed alike, so one much taller or lower
/// belongs to other print.
const MAX_HEIGHT_RATIO: f32 = 1.33;
/// The fewest blobs that make a line: two fit any line, three say the line is straight.
const MIN_BLOBS: usize = 3;
/// How far any blob's centre may lie off the straight line through all of them, in heights: the
/// number is printed straight, so one further off belongs to other print.
const MAX_OFF_LINE: f32 = 0.35;

/// Lines of like blobs, each close after the one before, as long as the number (in blob
/// heights) give or take tilt, likeliest first: the length nearest the number's, then the taller.
/// A blob may be one character or, when blur has run them together, several.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].x0.cmp(&glyphs[b].x0));
    // Each blob's right-hand neighbour: the nearest starting within MAX_GAP heights after it
    // ends, about as tall, and not far off the line.
    let mut next: Vec<Option<usize>> = vec![None; glyphs.len()];
    let mut has_prev = vec![false; glyphs.len()];
    for (k, &a) in order.iter().enumerate() {
        let ga = glyphs[a];
        let (ax, ay) = ga.centre();
        let h = ga.height();
        let mut best: Option<(f32, usize)> = None;
        for &b in &order[k + 1..] {
            let gb = glyphs[b];
            let gap = gb.x0 as f32 - ga.x1 as f32;
            if gap > MAX_GAP * h {
                break;
            }
            let (bx, by) = gb.centre();
            let (dx, dy) = (bx - ax, by - ay);
            let ratio = gb.height() / h;
            if gap < -MAX_OVERLAP * h
                || dy.abs() > MAX_SLANT * dx + SLANT_SLACK * h
                || !(MIN_HEIGHT_RATIO..=MAX_HEIGHT_RATIO).contains(&ratio)
            {
                continue;
            }
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, b));
            }
        }
        if let Some((_, b)) = best {
            if !has_prev[b] {
                next[a] = Some(b);
                has_prev[b] = true;
            }
        }
    }
    let mut found = Vec::new();
    for &head in &order {
        if has_prev[head] {
            continue;
        }
        let mut chain = vec![head];
        while let Some(n) = next[*chain.last().unwrap()] {
            chain.push(n);
        }
        if chain.len() < MIN_BLOBS {
            continue;
        }
        let centres: Vec<(f32, f32)> = chain.iter().map(|&i| glyphs[i].centre()).collect();
        let mut heights: Vec<f32> = chain.iter().map(|&i| glyphs[i].height()).collect();
        heights.sort_by(f32::total_cmp);
        let glyph_height = heights[heights.len() / 2];
        // The straight line through the centres (least squares), which must fit them all.
        let n = centres.len() as f32;
        let (mx, my) = centres.iter().fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x / n, sy + y / n));
        let (sxx, sxy) =
            centres.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + (x - mx) * (x - mx), b + (x - mx) * (y - my)));
        let slope = sxy / sxx.max(1.0);
        if centres.iter().any(|(x, y)| (my + slope * (x - mx) - y).abs() > MAX_OFF_LINE * glyph_height) {
            continue;
        }
        let (first, last) = (glyphs[chain[0]].x0 as f32, glyphs[*chain.last().unwrap()].x1 as f32);
        let length = (last - first) * (1.0 + slope * slope).sqrt() / glyph_height;
        if !(MIN_LENGTH..=MAX_LENGTH).contains(&length) {
            continue;
        }
        found.push((
            (length - NUMBER_LENGTH).abs(),
            Line { start: (first, my + slope * (first - mx)), end: (last, my + slope * (last - mx)), glyph_height },
        ));
    }
    // Nearest the number's length first, by whole heights; then the taller.
    found.sort_by(|(a, la), (b, lb)| a.floor().total_cmp(&b.floor()).then(lb.glyph_height.total_cmp(&la.glyph_height)));
    found.into_iter().map(|(_, line)| line).collect()
}

/// The margin the straightened line keeps before its first blob and after its last, in glyph
/// heights: the line's ends run through the end blobs' edges only as far as the ink reached, so
/// an end digit blur thinned or a slant shortened still comes whole.
pub(crate) const MARGIN_ALONG: f32 = 0.5;
/// The margin above and below the line's centre, in glyph heights: the digits' half height and as
/// much paper again, so a slanted or slightly bent line's digits stay whole. The crop is thus two
/// digits high.
pub(crate) const MARGIN_ACROSS: f32 = 1.0;

/// The line cut out of the full-resolution picture along its slant, with a margin
/// (`MARGIN_ALONG`, `MARGIN_ACROSS`), scaled so a glyph is `digit_px` high; binarised (Otsu)
/// if asked. `up` maps shrunk to full-size pixels.
pub fn straighten(grey: &GrayImage, line: &Line, up: f32, digit_px: f32, binarise: bool) -> GrayImage {
    let (sx, sy) = (line.start.0 * up, line.start.1 * up);
    let (ex, ey) = (line.end.0 * up, line.end.1 * up);
    let h = line.glyph_height * up;
    let length = (ex - sx).hypot(ey - sy);
    let (ux, uy) = ((ex - sx) / length, (ey - sy) / length); // along the line
    let (vx, vy) = (-uy, ux); // across it, downwards
    let zoom = digit_px / h;
    let (margin_along, margin_across) = (MARGIN_ALONG * h, MARGIN_ACROSS * h);
    let out_w = ((length + 2.0 * margin_along) * zoom).round().max(1.0) as u32;
    let out_h = (2.0 * margin_across * zoom).round().max(1.0) as u32;
    let mut out = GrayImage::new(out_w, out_h);
    for oy in 0..out_h {
        for ox in 0..out_w {
            let a = ox as f32 / zoom - margin_along;
            let c = oy as f32 / zoom - margin_across;
            let value = bilinear(grey, sx + a * ux + c * vx, sy + a * uy + c * vy);
            out.put_pixel(ox, oy, Luma([value]));
        }
    }
    if binarise {
        let t = otsu(&out);
        for p in out.pixels_mut() {
            p.0[0] = if p.0[0] > t { 255 } else { 0 };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1000 × 700 page with `count` zeros (12 × 18 px frames, 3 px thick) every `pitch` px from
    /// (300, 400), each `slope` px lower per px further along; and a five-letter word of the same
    /// print at (100, 150).
    fn page_with_digits(count: u32, pitch: u32, slope: f32) -> GrayImage {
        let mut tops: Vec<(u32, u32)> =
            (0..count).map(|k| (300 + k * pitch, 400 + (slope * (k * pitch) as f32) as u32)).collect();
        tops.extend((0..5).map(|k| (100 + 15 * k, 150)));
        GrayImage::from_fn(1000, 700, |x, y| {
            let on_stroke = tops.iter().any(|&(left, top)| {
                let (Some(dx), Some(dy)) = (x.checked_sub(left), y.checked_sub(top)) else { return false };
                dx < 12 && dy < 18 && !((3..9).contains(&dx) && (3..15).contains(&dy))
            });
            Luma([if on_stroke { 40 } else { 235 }])
        })
    }

    fn lines_on(page: &GrayImage) -> Vec<Line> {
        lines(&glyphs(&local_threshold(page), page.width(), page.height()))
    }

    fn assert_at(line: &Line, start: (f32, f32), end: (f32, f32)) {
        let off = |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).abs().max((a.1 - b.1).abs());
        assert!(off(line.start, start) <= 1.0 && off(line.end, end) <= 1.0, "{line:?}, drawn {start:?} to {end:?}");
    }

    #[test]
    fn eighteen_digits_are_found_as_one_line_at_their_drawn_row_and_a_short_word_is_not() {
        let found = lines_on(&page_with_digits(18, 15, 0.0));
        assert_eq!(found.len(), 1, "{found:?}");
        // From the first digit's left edge to the last's right, through the digits' middle row.
        assert_at(&found[0], (300.0, 408.5), (300.0 + 17.0 * 15.0 + 11.0, 408.5));
        assert_eq!(found[0].glyph_height, 18.0);
    }

    #[test]
    fn a_slanted_number_is_found_along_its_slant() {
        let found = lines_on(&page_with_digits(18, 15, 0.1));
        assert_eq!(found.len(), 1, "{found:?}");
        // Through the first digit's middle (305.5, 408.5), falling 0.1 px a px.
        let on_slant = |x: f32| (x, 408.5 + 0.1 * (x - 305.5));
        assert_at(&found[0], on_slant(300.0), on_slant(566.0));
    }

    #[test]
    fn a_blank_page_has_no_line() {
        assert!(lines_on(&GrayImage::from_pixel(1000, 700, Luma([235]))).is_empty());
    }

    #[test]
    fn digits_spaced_wider_than_a_digits_height_make_no_line() {
        // 12 px digits every 30 px leave 18 px gaps: a whole height, more than a number's, though
        // ten of them would be as long as a number.
        assert!(lines_on(&page_with_digits(10, 30, 0.0)).is_empty());
        // Every 27 px, 15 px gaps (0.83 heights): a line, of 18 digits too long for the number.
        assert!(lines_on(&page_with_digits(18, 27, 0.0)).is_empty());
        assert_eq!(lines_on(&page_with_digits(11, 27, 0.0)).len(), 1);
    }

    #[test]
    fn a_line_stretched_keeps_its_middle_and_gains_the_length_asked() {
        let line = Line { start: (100.0, 50.0), end: (300.0, 90.0), glyph_height: 16.0 };
        let stretched = line.stretched_to(NUMBER_LENGTH + 0.8);
        assert!((stretched.length() - (NUMBER_LENGTH + 0.8)).abs() < 1e-4, "{stretched:?}");
        let middle = |l: &Line| ((l.start.0 + l.end.0) / 2.0, (l.start.1 + l.end.1) / 2.0);
        let (moved_x, moved_y) = (middle(&stretched).0 - middle(&line).0, middle(&stretched).1 - middle(&line).1);
        assert!(moved_x.abs() < 1e-3 && moved_y.abs() < 1e-3, "{stretched:?}");
        assert!(line.same_place(&Line { start: (110.0, 55.0), end: (295.0, 85.0), ..line }));
        assert!(!line.same_place(&Line { start: (100.0, 70.0), end: (300.0, 110.0), ..line }));
    }

    #[test]
    fn the_straightened_line_is_two_digits_high_with_the_digits_across_its_middle() {
        let page = page_with_digits(18, 15, 0.1);
        let line = lines_on(&page)[0];
        let crop = straighten(&page, &line, 1.0, 40.0, false);
        assert_eq!(crop.height(), 80, "a digit of 40 px and half a digit's height of paper above and below");
        let expected_width = (line.end.0 - line.start.0).hypot(line.end.1 - line.start.1) + line.glyph_height;
        assert!((crop.width() as f32 - expected_width * 40.0 / 18.0).abs() <= 1.0, "{}", crop.width());
        let darkest_in = |rows: std::ops::Range<u32>| {
            rows.flat_map(|y| (0..crop.width()).map(move |x| (x, y))).map(|(x, y)| crop.get_pixel(x, y).0[0]).min()
        };
        // The slant taken out: the paper above and below the digits holds no ink.
        assert!(darkest_in(0..12).unwrap() > 200, "above the digits");
        assert!(darkest_in(68..80).unwrap() > 200, "below the digits");
        assert!(darkest_in(24..56).unwrap() < 80, "the digits");
        let binarised = straighten(&page, &line, 1.0, 40.0, true);
        assert!(binarised.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
        assert_eq!(binarised.get_pixel(0, 0).0[0], 255);
    }
}

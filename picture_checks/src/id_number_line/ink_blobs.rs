//! The first steps of finding the number's line: ink, by a threshold against each pixel's
//! surroundings (so uneven light and shadows do not matter), and the blobs of it the size and
//! shape of printed characters.

use image::GrayImage;

/// The square a pixel is compared with reaches the long side over this each way (so it is 1/40
/// of the long side across): a few characters wide, so a character's ink is compared with the
/// paper around it rather than with itself, and small enough that uneven light (a shadow, a lamp's
/// slope) is nearly even inside it.
const NEIGHBOURHOOD_REACH_PER_LONG_SIDE: usize = 80;
/// …and at least this many pixels each way, so that on a small picture the square still spans a
/// character and the paper beside it.
const MIN_NEIGHBOURHOOD_REACH: usize = 6;
/// A pixel is ink when darker than this percentage of its square's mean: Bradley and Roth's own
/// 15 % below the mean. Not measured alone; the ID card and certificate benches measure the line
/// finder as a whole (docs/benchmarks.md).
const INK_PERCENT_OF_MEAN: u64 = 85;

/// Ink: pixels darker than `INK_PERCENT_OF_MEAN` % of the mean of the square around them
/// (Bradley's threshold), the square being 1/40 of the long side.
pub fn local_threshold(grey: &GrayImage) -> Vec<bool> {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let mut integral = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(grey.as_raw()[y * w + x]);
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let r = (w.max(h) / NEIGHBOURHOOD_REACH_PER_LONG_SIDE).max(MIN_NEIGHBOURHOOD_REACH);
    let mut ink = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = integral[y1 * (w + 1) + x1] + integral[y0 * (w + 1) + x0]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0];
            let area = ((x1 - x0) * (y1 - y0)) as u64;
            ink[y * w + x] = u64::from(grey.as_raw()[y * w + x]) * area * 100 < sum * INK_PERCENT_OF_MEAN;
        }
    }
    ink
}

/// A blob of ink the size and shape of a printed character.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub(super) x0: u32,
    pub(super) y0: u32,
    pub(super) x1: u32,
    pub(super) y1: u32,
}

impl Glyph {
    /// Not wider than `heights` times its height.
    pub fn no_wider_than(&self, heights: f32) -> bool {
        self.width() <= heights * self.height()
    }

    pub(super) fn height(&self) -> f32 {
        (self.y1 - self.y0 + 1) as f32
    }
    fn width(&self) -> f32 {
        (self.x1 - self.x0 + 1) as f32
    }
    pub(super) fn centre(&self) -> (f32, f32) {
        ((self.x0 + self.x1) as f32 / 2.0, (self.y0 + self.y1) as f32 / 2.0)
    }
}

/// How wide a blob may be, in its heights: a few characters run together.
pub const SEPARATE_CHARACTERS: f32 = 5.0;
/// As wide as blur runs a long number's digits together: on a heavily blurred photograph of a
/// certificate, seven or more digits can make one blob.
pub const RUN_TOGETHER: f32 = 9.0;

/// The lowest blob that may be a character, in the shrunk picture's pixels: anything lower is a
/// speck (noise, a dot, a scrap of the guilloche), and a digit so small has too few pixels to read.
const MIN_GLYPH_HEIGHT: f32 = 7.0;
/// The tallest: about a tenth of the shrunk picture's long side
/// ([`WORK_LONG_SIDE`](crate::number_reading::WORK_LONG_SIDE)); anything taller is a
/// photo, a seal or a frame, not a line of print.
const MAX_GLYPH_HEIGHT: f32 = 150.0;
/// The least share of its bounding box a blob's ink must fill: less, and it is a thin curve or
/// frame line around empty space, not a character.
const MIN_FILL: f32 = 0.08;
/// The share a blob's ink must stay below: a character has holes and gaps between its strokes; a
/// solid block (a dark patch of a photo, a bar) has none.
const MAX_FILL: f32 = 0.9;

/// The 8-connected blobs of ink that could be characters, or several run together:
/// `MIN_GLYPH_HEIGHT` to `MAX_GLYPH_HEIGHT` px high, not wider than [`RUN_TOGETHER`] times
/// their height, and neither a speck nor a solid block (`MIN_FILL`, `MAX_FILL`).
pub fn glyphs(ink: &[bool], width: u32, height: u32) -> Vec<Glyph> {
    let (w, h) = (width as usize, height as usize);
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut found = Vec::new();
    for start in 0..w * h {
        if !ink[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1, mut count) = (w, h, 0, 0, 0usize);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1, count) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y), count + 1);
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let j = ny * w + nx;
                    if ink[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        let glyph = Glyph { x0: x0 as u32, y0: y0 as u32, x1: x1 as u32, y1: y1 as u32 };
        let fill = count as f32 / (glyph.width() * glyph.height());
        if (MIN_GLYPH_HEIGHT..=MAX_GLYPH_HEIGHT).contains(&glyph.height())
            && glyph.no_wider_than(RUN_TOGETHER)
            && (MIN_FILL..MAX_FILL).contains(&fill)
        {
            found.push(glyph);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Whether (x, y) is on the stroke of a "0" drawn as a 12 × 18 frame 3 px thick at (left, top).
    fn on_zero(x: u32, y: u32, left: u32, top: u32) -> bool {
        let (Some(dx), Some(dy)) = (x.checked_sub(left), y.checked_sub(top)) else { return false };
        dx < 12 && dy < 18 && !((3..9).contains(&dx) && (3..15).contains(&dy))
    }

    /// A row of ten zeros every 20 px from (40, 50) on a 300 × 120 page whose paper is `paper(x)`,
    /// their ink half as light as the paper under it; and where the strokes are.
    fn page(paper: impl Fn(u32) -> u8) -> (GrayImage, Vec<bool>) {
        let stroke = |x, y| (0..10).any(|k| on_zero(x, y, 40 + 20 * k, 50));
        let grey = GrayImage::from_fn(300, 120, |x, y| Luma([if stroke(x, y) { paper(x) / 2 } else { paper(x) }]));
        let drawn = (0..120).flat_map(|y| (0..300).map(move |x| (x, y))).map(|(x, y)| stroke(x, y)).collect();
        (grey, drawn)
    }

    /// How many pixels the ink map calls otherwise than drawn.
    fn misjudged(ink: &[bool], drawn: &[bool]) -> usize {
        ink.iter().zip(drawn).filter(|(a, b)| a != b).count()
    }

    #[test]
    fn print_is_ink_and_the_paper_is_not() {
        let (grey, drawn) = page(|_| 235);
        assert_eq!(misjudged(&local_threshold(&grey), &drawn), 0);
    }

    #[test]
    fn the_papers_grain_a_tenth_darker_than_the_paper_is_not_ink() {
        // Every fifth pixel of the paper's rows of 235 dotted with 211.
        let (mut grey, drawn) = page(|_| 235);
        for (x, y, p) in grey.enumerate_pixels_mut() {
            if p.0[0] == 235 && (x + 2 * y) % 5 == 0 {
                p.0[0] = 211;
            }
        }
        assert_eq!(misjudged(&local_threshold(&grey), &drawn), 0);
    }

    #[test]
    fn print_under_light_fading_across_the_page_is_ink_and_the_fading_is_not() {
        // From 240 at the left to 61 at the right: the print at the left (108) is lighter than the
        // paper at the right, which no one threshold for the whole page could part.
        let fading = |x: u32| (240 - x * 180 / 300) as u8;
        let (grey, drawn) = page(fading);
        assert!(grey.get_pixel(40, 50).0[0] > grey.get_pixel(299, 50).0[0]);
        assert_eq!(misjudged(&local_threshold(&grey), &drawn), 0);
        let unprinted = GrayImage::from_fn(300, 120, |x, _| Luma([fading(x)]));
        assert_eq!(misjudged(&local_threshold(&unprinted), &[false; 300 * 120]), 0);
    }

    /// An ink map `width` × 60 with the given boxes (left, top, right, bottom, exclusive) filled,
    /// each with a hole in its middle half unless `solid`.
    fn ink_map(width: u32, boxes: &[(u32, u32, u32, u32, bool)]) -> Vec<bool> {
        let inked = |x: u32, y: u32| {
            boxes.iter().any(|&(x0, y0, x1, y1, solid)| {
                let (w, h) = (x1 - x0, y1 - y0);
                let hole = !solid && (x0 + w / 4..x1 - w / 4).contains(&x) && (y0 + h / 4..y1 - h / 4).contains(&y);
                (x0..x1).contains(&x) && (y0..y1).contains(&y) && !hole
            })
        };
        (0..60).flat_map(|y| (0..width).map(move |x| inked(x, y))).collect()
    }

    fn boxes_of(glyphs: &[Glyph]) -> Vec<(u32, u32, u32, u32)> {
        let mut boxes: Vec<_> = glyphs.iter().map(|g| (g.x0, g.y0, g.x1 + 1, g.y1 + 1)).collect();
        boxes.sort();
        boxes
    }

    #[test]
    fn blobs_the_size_and_shape_of_characters_are_glyphs_and_specks_blocks_and_frames_are_not() {
        let digit = (10, 20, 22, 38, false);
        let speck = (40, 20, 45, 25, false);
        let solid_block = (60, 20, 72, 38, true);
        let thin_frame = (100, 2, 180, 58, false);
        let run_together = (200, 20, 350, 38, false);
        let too_long = (380, 20, 560, 38, false);
        let map = ink_map(600, &[digit, speck, solid_block, run_together, too_long]);
        // The frame: its outline only, a pixel thick.
        let frame = ink_map(600, &[thin_frame]);
        let inner = ink_map(600, &[(101, 3, 179, 57, true)]);
        let map: Vec<bool> = map.iter().zip(&frame).zip(&inner).map(|((&a, &f), &i)| a || (f && !i)).collect();
        let found = glyphs(&map, 600, 60);
        assert_eq!(boxes_of(&found), vec![(10, 20, 22, 38), (200, 20, 350, 38)]);
        // 150 px long and 18 high: a blob of digits blur ran together, not one character.
        let long = found.iter().find(|g| g.x0 == 200).unwrap();
        assert!(!long.no_wider_than(SEPARATE_CHARACTERS) && long.no_wider_than(RUN_TOGETHER));
    }
}

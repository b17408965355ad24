//! Where the 18-character number runs on a picture of an ID card's front: ink by a local
//! threshold, blobs the size of printed characters, chains of like blobs along one straight
//! (perhaps slanted) line as long as the number; then that line cut out of the full picture,
//! straightened and scaled for tesseract to read as one line.

use image::{GrayImage, Luma};

use crate::grey::{bilinear, otsu};

/// Ink: pixels darker than 85 % of the mean of the square around them (Bradley's threshold),
/// the square being 1/40 of the long side.
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
    let r = (w.max(h) / 80).max(6);
    let mut ink = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = integral[y1 * (w + 1) + x1] + integral[y0 * (w + 1) + x0]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0];
            let area = ((x1 - x0) * (y1 - y0)) as u64;
            ink[y * w + x] = u64::from(grey.as_raw()[y * w + x]) * area * 100 < sum * 85;
        }
    }
    ink
}

/// A blob of ink the size and shape of a printed character.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

impl Glyph {
    /// Not wider than `heights` times its height.
    pub fn no_wider_than(&self, heights: f32) -> bool {
        self.width() <= heights * self.height()
    }

    fn height(&self) -> f32 {
        (self.y1 - self.y0 + 1) as f32
    }
    fn width(&self) -> f32 {
        (self.x1 - self.x0 + 1) as f32
    }
    fn centre(&self) -> (f32, f32) {
        ((self.x0 + self.x1) as f32 / 2.0, (self.y0 + self.y1) as f32 / 2.0)
    }
}

/// How wide a blob may be, in its heights: a few characters run together.
pub const SEPARATE_CHARACTERS: f32 = 5.0;
/// As wide as blur runs a long number's digits together: on a heavily blurred photograph of a
/// certificate, seven or more digits can make one blob.
pub const RUN_TOGETHER: f32 = 9.0;

/// The 8-connected blobs of ink that could be characters, or several run together: 7 to 150 px
/// high, not wider than [`RUN_TOGETHER`] times their height, and neither a speck nor a solid
/// block.
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
        if (7.0..=150.0).contains(&glyph.height()) && glyph.no_wider_than(RUN_TOGETHER) && (0.08..0.9).contains(&fill) {
            found.push(glyph);
        }
    }
    found
}

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
/// (an OCR-B-like face); a line between MIN and MAX is a candidate.
pub const NUMBER_LENGTH: f32 = 14.6;
const MIN_LENGTH: f32 = 11.0;
const MAX_LENGTH: f32 = 19.0;

/// Lines of like blobs, each close after the one before, as long as the number (in blob
/// heights) give or take tilt, likeliest first: the length nearest the number's, then the taller.
/// A blob may be one character or, when blur has run them together, several.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].x0.cmp(&glyphs[b].x0));
    // Each blob's right-hand neighbour: the nearest starting within 0.9 heights after it ends,
    // about as tall, and not far off the line (a slant up to about 1 in 4).
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
            if gap > 0.9 * h {
                break;
            }
            let (bx, by) = gb.centre();
            let (dx, dy) = (bx - ax, by - ay);
            let ratio = gb.height() / h;
            if gap < -0.25 * h || dy.abs() > 0.3 * dx + 0.15 * h || !(0.75..=1.33).contains(&ratio) {
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
        if chain.len() < 3 {
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
        if centres.iter().any(|(x, y)| (my + slope * (x - mx) - y).abs() > 0.35 * glyph_height) {
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

/// The line cut out of the full-resolution picture along its slant, with a margin, scaled so a
/// glyph is `digit_px` high; binarised (Otsu) if asked. `up` maps shrunk to full-size pixels.
pub fn straighten(grey: &GrayImage, line: &Line, up: f32, digit_px: f32, binarise: bool) -> GrayImage {
    let (sx, sy) = (line.start.0 * up, line.start.1 * up);
    let (ex, ey) = (line.end.0 * up, line.end.1 * up);
    let h = line.glyph_height * up;
    let length = (ex - sx).hypot(ey - sy);
    let (ux, uy) = ((ex - sx) / length, (ey - sy) / length); // along the line
    let (vx, vy) = (-uy, ux); // across it, downwards
    let zoom = digit_px / h;
    let (margin_along, margin_across) = (0.5 * h, 1.0 * h);
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

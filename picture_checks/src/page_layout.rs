//! Whether two pictures the perceptual hash joins show one layout: a look for the pairs no number
//! settles. The hash keeps only a page's coarsest shapes, so two unrelated documents whose dark
//! blocks happen to sit alike (mostly white pages: diplomas, title certificates) meet by chance —
//! 7 of 547 575 pairs of drawn candidates' pictures, about 300 in an exam of 1000
//! (`./scripts/bench-chance-pairs.sh`). Their marks do not: the two straightened papers, at
//! 96 × 68 with the light's slow changes taken out, are laid on each other at the best of small
//! shifts and scalings (a photo that cut the paper's edges straightens to a slightly larger,
//! shifted page), and unrelated layouts correlate less than one paper photographed twice.
//!
//! Threshold chosen on `./scripts/bench-picture-hashes.sh`'s two shoots and the chance pairs
//! (figures in docs/benchmarks.md): pairs of one paper were at least 0.874 and 0.801 alike, chance
//! pairs at most 0.632. Certificates on one template share their layout; their numbers part them.

use image::imageops::{blur, resize, FilterType};
use image::{DynamicImage, GrayImage, Luma};

use crate::grey::{bilinear, correlation};
use crate::paper::paper;

/// Below this, two pictures the hash joins show two layouts, so two documents.
pub const ONE_LAYOUT_FROM: f32 = 0.70;

/// A page's own marks, small: the straightened paper at 96 × 68 (68 × 96 upright) less its light.
#[derive(Debug, Clone)]
pub struct PageMarks(GrayImage);

/// The marks of the paper in an upright picture (EXIF orientation applied): about the cost of
/// its perceptual hash.
pub fn page_marks(picture: &DynamicImage) -> PageMarks {
    let flat = paper(picture);
    let (w, h) = if flat.width() >= flat.height() { (96, 68) } else { (68, 96) };
    let small = blur(&resize(&flat, w, h, FilterType::Triangle), 1.0);
    // What a wide blur keeps is the light (a lamp's gradient, a shadow); the rest is print.
    let light = blur(&small, 6.0);
    PageMarks(GrayImage::from_fn(w, h, |x, y| {
        let mark = 128 + i32::from(small.get_pixel(x, y).0[0]) - i32::from(light.get_pixel(x, y).0[0]);
        Luma([mark.clamp(0, 255) as u8])
    }))
}

impl PageMarks {
    /// How alike two pages' marks are at their best alignment: 1 for one page, near 0 for
    /// unrelated ones; -1 for a page lying across and one standing upright.
    pub fn likeness(&self, other: &PageMarks) -> f32 {
        let (a, b) = (&self.0, &other.0);
        if a.dimensions() != b.dimensions() {
            return -1.0;
        }
        let (w, h) = a.dimensions();
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let mut best = -1.0f32;
        for scale in [0.92f32, 0.96, 1.0, 1.04, 1.08] {
            let scaled = GrayImage::from_fn(w, h, |x, y| {
                Luma([bilinear(b, (x as f32 - cx) * scale + cx, (y as f32 - cy) * scale + cy)])
            });
            for dy in -4..=4 {
                for dx in -5..=5 {
                    best = best.max(correlation(a, &scaled, dx, dy, 0, w));
                }
            }
        }
        best
    }

    /// The two pages are laid out differently: two documents, whatever the hash says.
    pub fn other_layout_than(&self, other: &PageMarks) -> bool {
        self.likeness(other) < ONE_LAYOUT_FROM
    }

    /// The marks as they are kept beside a picture's findings, so that a page alike to many
    /// others is decoded and straightened once, not once for every other page it meets: its
    /// width, its height, then its pixels row by row (6 530 bytes).
    pub fn to_stored(&self) -> Vec<u8> {
        let (w, h) = self.0.dimensions();
        let mut stored = Vec::with_capacity(2 + self.0.as_raw().len());
        stored.extend([w, h].map(|side| u8::try_from(side).unwrap_or(u8::MAX)));
        stored.extend_from_slice(self.0.as_raw());
        stored
    }

    /// Marks kept by [`PageMarks::to_stored`]; None for bytes that are not such marks.
    pub fn from_stored(stored: &[u8]) -> Option<PageMarks> {
        let (&[w, h], pixels) = stored.split_first_chunk::<2>()?;
        if w == 0 || h == 0 || usize::from(w) * usize::from(h) != pixels.len() {
            return None;
        }
        GrayImage::from_raw(u32::from(w), u32::from(h), pixels.to_vec()).map(PageMarks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document_hash::{document_hash, same_document};
    use image::imageops::rotate90;
    use image::{Rgb, RgbImage};

    /// A white page lying across on a dark surface, a grey block in its upper right (where every such
    /// page has it) and lines of text (every `line_gap` px from `first_line`) down its left half.
    fn page(first_line: u32, line_gap: u32) -> RgbImage {
        let (pw, ph) = (1000, 700);
        let mut photo = RgbImage::from_pixel(1200, 900, Rgb([40, 36, 30]));
        let (ox, oy) = (100, 100);
        for y in 0..ph {
            for x in 0..pw {
                let light = 250 - (x / 40) as u8; // a lamp to the left
                photo.put_pixel(ox + x, oy + y, Rgb([light, light, light - 4]));
            }
        }
        for y in ph / 10..4 * ph / 10 {
            for x in 6 * pw / 10..9 * pw / 10 {
                photo.put_pixel(ox + x, oy + y, Rgb([120, 120, 120]));
            }
        }
        let mut y = first_line;
        while y + 12 < ph - 60 {
            for x in 60..pw / 2 {
                for dy in 0..12 {
                    if (x / 9) % 5 != 4 {
                        photo.put_pixel(ox + x, oy + y + dy, Rgb([30, 30, 30]));
                    }
                }
            }
            y += line_gap;
        }
        photo
    }

    fn marks(photo: &RgbImage) -> PageMarks {
        page_marks(&DynamicImage::ImageRgb8(photo.clone()))
    }

    /// The same page framed closer, its edges cut off a little, and in dimmer light.
    fn photographed_again(photo: &RgbImage) -> RgbImage {
        let cropped = image::imageops::crop_imm(photo, 130, 120, 950, 660).to_image();
        let mut dimmer = resize(&cropped, 1200, 834, FilterType::Triangle);
        for p in dimmer.pixels_mut() {
            p.0 = p.0.map(|v| (f32::from(v) * 0.85) as u8);
        }
        dimmer
    }

    #[test]
    fn marks_kept_and_read_back_are_as_alike_as_before() {
        let (one, other) = (marks(&page(80, 60)), marks(&page(110, 90)));
        let kept = PageMarks::from_stored(&one.to_stored()).expect("marks read back");
        assert_eq!(kept.likeness(&other), one.likeness(&other));
        assert_eq!(kept.likeness(&one), one.likeness(&one));
        assert!(PageMarks::from_stored(&[]).is_none());
        assert!(PageMarks::from_stored(&one.to_stored()[..100]).is_none(), "cut short");
        let mut longer = one.to_stored();
        longer.push(0);
        assert!(PageMarks::from_stored(&longer).is_none(), "a byte too many");
    }

    #[test]
    fn one_page_photographed_again_has_one_layout() {
        let original = page(80, 60);
        let again = photographed_again(&original);
        let likeness = marks(&original).likeness(&marks(&again));
        assert!(likeness >= ONE_LAYOUT_FROM, "{likeness}");
    }

    #[test]
    fn another_page_with_its_lines_elsewhere_has_another_layout() {
        let one = page(80, 60);
        let other = page(110, 90);
        let hash = |photo: &RgbImage| document_hash(&DynamicImage::ImageRgb8(photo.clone()));
        assert!(same_document(&hash(&one), &hash(&other)).is_some(), "the hash joins them by chance");
        let likeness = marks(&one).likeness(&marks(&other));
        assert!(likeness < ONE_LAYOUT_FROM, "{likeness}");
    }

    #[test]
    fn a_page_lying_across_is_not_laid_on_one_standing_upright() {
        let across = page(80, 60);
        let upright = rotate90(&across);
        assert_eq!(marks(&across).likeness(&marks(&upright)), -1.0);
    }
}

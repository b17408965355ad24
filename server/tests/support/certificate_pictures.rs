//! Certificates printed on one template, drawn by the test: the page of `review_pictures`'
//! `document_page` (its title, lines and seal the same for one seed) with a 证书编号 line in a
//! real font (Noto Sans CJK), the only thing that differs from one certificate to the next.

use ab_glyph::FontRef;
use image::{Rgb, RgbImage};

use super::id_card_pictures::{text, FONT};
use super::review_pictures::{document_page, fill};

/// The template `seed` with `number` as its 证书编号.
pub fn certificate_page(seed: u32, number: &str) -> RgbImage {
    let bytes =
        std::fs::read(FONT).unwrap_or_else(|e| panic!("{FONT}: {e} (the test command installs fonts-noto-cjk)"));
    let font = FontRef::try_from_slice_and_index(&bytes, 0).unwrap();
    let mut page = document_page(seed, None);
    let paper = Rgb([248, 247, 240]);
    fill(&mut page, 40, 1060, 820, 90, paper);
    let ink = Rgb([30, 30, 36]);
    text(&mut page, &font, 34.0, 80, 1086, "证书编号：", ink);
    text(&mut page, &font, 44.0, 260, 1080, number, ink);
    page
}

//! The front of a resident ID card, drawn by the test with a real font (Noto Sans CJK, which the
//! test command installs for the documents): the labels and values, and the 公民身份号码 line with
//! the number given, on a scanned page around it. `smeared` blurs the number past reading. And the
//! same card held in hand in a phone's photo.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

use super::review_pictures::fill;

pub const FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// A scan of an A5-sized page (1200×900) with the card on it; `smeared`: its number blurred.
pub fn id_card_scan(number: &str, smeared: bool) -> RgbImage {
    let bytes =
        std::fs::read(FONT).unwrap_or_else(|e| panic!("{FONT}: {e} (the test command installs fonts-noto-cjk)"));
    let font = FontRef::try_from_slice_and_index(&bytes, 0).unwrap();
    let mut page = RgbImage::from_pixel(1200, 900, Rgb([246, 246, 243]));
    let (left, top) = (170, 180);
    fill(&mut page, left, top, 856, 540, Rgb([226, 236, 242]));
    let ink = Rgb([30, 30, 36]);
    let label = Rgb([60, 110, 150]);
    for (y, name, value) in [
        (60, "姓名", "王小明"),
        (120, "性别", "男    民族  汉"),
        (180, "出生", "1990 年 1 月 1 日"),
        (240, "住址", "北京市东城区示例街道 1 号"),
    ] {
        text(&mut page, &font, 34.0, left + 40, top + y, name, label);
        text(&mut page, &font, 34.0, left + 150, top + y, value, ink);
    }
    fill(&mut page, left + 620, top + 50, 190, 240, Rgb([200, 205, 210]));
    text(&mut page, &font, 32.0, left + 40, top + 420, "公民身份号码", label);
    text(&mut page, &font, 44.0, left + 290, top + 414, number, ink);
    if smeared {
        let line = image::imageops::crop_imm(&page, left + 280, top + 400, 560, 70).to_image();
        image::imageops::replace(
            &mut page,
            &image::imageops::blur(&line, 12.0),
            i64::from(left + 280),
            i64::from(top + 400),
        );
    }
    page
}

/// A phone's photo (3024×4032, 12 MP) of a person holding their card in front of them, its number
/// side to the camera (seed 003's 本人手持身份证内容一面照片): a face above, the card from
/// [`id_card_scan`] 1.6 times larger where the hands hold it, fingers over its left and right
/// edges (clear of the number).
pub fn held_id_card(number: &str) -> RgbImage {
    let scan = id_card_scan(number, false);
    let card = image::imageops::crop_imm(&scan, 170, 180, 856, 540).to_image();
    let card = image::imageops::resize(&card, 1370, 864, image::imageops::FilterType::Triangle);
    let skin = Rgb([224, 184, 150]);
    let mut photo = RgbImage::from_pixel(3024, 4032, Rgb([214, 208, 196]));
    for y in 400..1500u32 {
        for x in 1000..2024u32 {
            let (dx, dy) = ((f64::from(x) - 1512.0) / 512.0, (f64::from(y) - 950.0) / 550.0);
            if dx * dx + dy * dy <= 1.0 {
                photo.put_pixel(x, y, skin);
            }
        }
    }
    fill(&mut photo, 500, 1700, 2024, 2332, Rgb([48, 58, 82]));
    image::imageops::replace(&mut photo, &card, 827, 2300);
    fill(&mut photo, 760, 2400, 140, 320, skin);
    fill(&mut photo, 2130, 2400, 140, 320, skin);
    photo
}

/// `words` from (x, y) (the top of the line) in `font` (see [`FONT`]), each glyph's coverage blended onto the page.
pub fn text(page: &mut RgbImage, font: &FontRef, size: f32, x: u32, y: u32, words: &str, colour: Rgb<u8>) {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut pen = x as f32;
    let baseline = y as f32 + scaled.ascent();
    for ch in words.chars() {
        let glyph = scaled.scaled_glyph(ch);
        let advance = scaled.h_advance(glyph.id);
        let mut positioned = glyph;
        positioned.position = ab_glyph::point(pen, baseline);
        if let Some(outline) = font.outline_glyph(positioned) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
                if px >= 0 && py >= 0 && (px as u32) < page.width() && (py as u32) < page.height() {
                    let pixel = page.get_pixel_mut(px as u32, py as u32);
                    for c in 0..3 {
                        let blended = f32::from(pixel[c]) * (1.0 - coverage) + f32::from(colour[c]) * coverage;
                        pixel[c] = blended.round() as u8;
                    }
                }
            });
        }
        pen += advance;
    }
}

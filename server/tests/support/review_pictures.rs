//! Pictures for the reviewer's assistant's tests, drawn by the test: a page of a document (its
//! own layout, by a seed), with or without a QR code in its corner; the same page
//! photographed again (on a screen, smaller, lighter, another JPEG quality); its code smeared or cut
//! off by the frame; mostly white pages that meet under the hash by chance.

use image::imageops::FilterType;
use image::{Rgb, RgbImage};

/// Where the code sits on a page: its top-left corner and its side, in pixels.
const QR_AT: (u32, u32) = (560, 840);
const MODULE: u32 = 6;

/// A 900×1200 page laid out by `seed` — where its title sits and how wide, its margins, line
/// spacing and the lines' words, a seal — so two seeds are two kinds of document; with `qr`'s text
/// as a code in the lower right corner.
pub fn document_page(seed: u32, qr: Option<&str>) -> RgbImage {
    let mut page = RgbImage::from_pixel(900, 1200, Rgb([248, 247, 240]));
    let mut state = seed.wrapping_mul(0x9E37_79B9).max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let (margin, spacing) = (60 + next() % 120, 30 + next() % 30);
    let title_width = 200 + next() % 400;
    fill(&mut page, (900 - title_width) / 2 - 100 + next() % 200, 60 + next() % 60, title_width, 36, Rgb([40, 40, 40]));
    let lines = 8 + next() % 10;
    for row in 0..lines {
        let y = 200 + row * spacing;
        let mut x = margin;
        let end = 900 - margin - next() % 200;
        while x < end {
            let word = 30 + next() % 90;
            fill(&mut page, x, y, word.min(end - x), 14, Rgb([50, 50, 55]));
            x += word + 14 + next() % 20;
        }
    }
    // A seal, somewhere in the lower half.
    let (cx, cy, r) = (150 + next() % 500, 700 + next() % 120, 70);
    for y in cy - r..cy + r {
        for x in cx - r..cx + r {
            let d = ((x as i64 - cx as i64).pow(2) + (y as i64 - cy as i64).pow(2)) as f64;
            if (d.sqrt() - 60.0).abs() < 6.0 {
                page.put_pixel(x, y, Rgb([200, 40, 40]));
            }
        }
    }
    if let Some(text) = qr {
        draw_qr(&mut page, text);
    }
    page
}

/// A mostly white page whose one grey block sits where every such page's does (top right), with
/// lines of text down its left half from `first_line`, every `line_gap` px. Two such pages with
/// their lines set differently meet under the perceptual hash, as unrelated white pages do by
/// chance, but are laid out differently.
pub fn white_page(first_line: u32, line_gap: u32) -> RgbImage {
    let mut page = RgbImage::from_pixel(900, 1200, Rgb([248, 247, 240]));
    fill(&mut page, 540, 120, 270, 360, Rgb([120, 120, 120]));
    let mut y = first_line;
    while y + 16 < 1100 {
        let mut x = 70;
        while x < 430 {
            fill(&mut page, x, y, 36, 16, Rgb([40, 40, 44]));
            x += 46;
        }
        y += line_gap;
    }
    page
}

fn draw_qr(page: &mut RgbImage, text: &str) {
    draw_qr_at(page, text, QR_AT);
}

/// `text` as a QR code (with its quiet zone) whose top-left corner is at `(x, y)`.
pub fn draw_qr_at(page: &mut RgbImage, text: &str, (x, y): (u32, u32)) {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let width = code.width() as u32;
    let side = (width + 8) * MODULE;
    fill(page, x, y, side, side, Rgb([255, 255, 255]));
    for (i, colour) in code.to_colors().into_iter().enumerate() {
        if colour == qrcode::Color::Dark {
            let (mx, my) = (i as u32 % width, i as u32 / width);
            fill(page, x + (mx + 4) * MODULE, y + (my + 4) * MODULE, MODULE, MODULE, Rgb([10, 10, 10]));
        }
    }
}

/// A rectangle of one colour, cut at the picture's edges.
pub fn fill(page: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, colour: Rgb<u8>) {
    for yy in y..(y + h).min(page.height()) {
        for xx in x..(x + w).min(page.width()) {
            page.put_pixel(xx, yy, colour);
        }
    }
}

/// The same paper photographed again: lying on a dark screen, smaller, a little lighter.
pub fn rephotographed(page: &RgbImage) -> RgbImage {
    let paper = image::imageops::brighten(&image::imageops::resize(page, 720, 960, FilterType::Triangle), 10);
    let mut photo = RgbImage::from_pixel(900, 1200, Rgb([70, 58, 48]));
    image::imageops::replace(&mut photo, &paper, 95, 120);
    photo
}

/// The picture grainy, as a phone's photo in poor light: each pixel lightened or darkened by up to
/// `amplitude` (the same grain every time).
pub fn grainy(picture: &RgbImage, amplitude: i32) -> RgbImage {
    let mut grainy = picture.clone();
    let mut state = 2_654_435_762u32;
    for pixel in grainy.pixels_mut() {
        // xorshift32
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % (2 * amplitude as u32 + 1)) as i32 - amplitude;
        pixel.0.iter_mut().for_each(|c| *c = (i32::from(*c) + grain).clamp(0, 255) as u8);
    }
    grainy
}

/// The page with its code blurred past reading.
pub fn code_smeared(page: &RgbImage) -> RgbImage {
    let mut page = page.clone();
    let side = 300;
    let code = image::imageops::crop_imm(&page, QR_AT.0, QR_AT.1, side, side).to_image();
    image::imageops::replace(&mut page, &image::imageops::blur(&code, 9.0), i64::from(QR_AT.0), i64::from(QR_AT.1));
    page
}

/// The page photographed with the frame cutting through its code.
pub fn code_cut_off(page: &RgbImage) -> RgbImage {
    image::imageops::crop_imm(page, 0, 0, QR_AT.0 + 60, page.height()).to_image()
}

pub fn jpeg(page: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(page).unwrap();
    out
}

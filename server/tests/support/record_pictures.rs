//! A 教育部学历证书电子注册备案表 as a candidate scans it, drawn by the test with a real font (Noto
//! Sans CJK): the title, the table of the holder's details — 姓名, 证件号码, the dates, the school, a
//! 证书编号 of 18 digits that is no ID number — the 在线验证码, the last day it verifies and its QR
//! code. `smeared` blurs the 证件号码 past reading.

use ab_glyph::FontRef;
use image::{Rgb, RgbImage};

use super::id_card_pictures::{text, FONT};
use super::review_pictures::{draw_qr_at, fill};

/// The holder's details on the record, and the last day its online verification is printed with
/// ("2027年05月20日").
pub struct RecordHolder<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub certificate_number: &'a str,
    pub verification_ends: &'a str,
}

/// A scan of the record (1240×1754, A4 at 150 dpi) of `holder`, its QR code leading to `qr`.
pub fn xuexin_record(holder: &RecordHolder, qr: &str, smeared: bool) -> RgbImage {
    let bytes =
        std::fs::read(FONT).unwrap_or_else(|e| panic!("{FONT}: {e} (the test command installs fonts-noto-cjk)"));
    let font = FontRef::try_from_slice_and_index(&bytes, 0).unwrap();
    let mut page = RgbImage::from_pixel(1240, 1754, Rgb([250, 250, 247]));
    let (ink, rule) = (Rgb([28, 28, 34]), Rgb([120, 120, 128]));
    text(&mut page, &font, 46.0, 250, 110, "教育部学历证书电子注册备案表", ink);
    text(&mut page, &font, 24.0, 860, 200, "更新日期：2026年11月20日", ink);
    let rows: [(&str, &str, &str, &str); 9] = [
        ("姓名", holder.name, "性别", "男"),
        ("证件号码", holder.id_number, "民族", "汉族"),
        ("出生日期", "1990年01月01日", "学历类别", "普通高等教育"),
        ("学校名称", "示例大学", "层次", "本科"),
        ("专业", "计算机科学与技术", "学制", "4年"),
        ("学习形式", "普通全日制", "毕(结)业", "毕业"),
        ("入学日期", "2008年09月01日", "毕业日期", "2012年06月30日"),
        ("证书编号", holder.certificate_number, "", ""),
        ("校(院)长姓名", "李明远", "", ""),
    ];
    let (top, height) = (270, 92);
    for (row, (label, value, other_label, other_value)) in (0u32..).zip(rows) {
        let y = top + row * height;
        fill(&mut page, 90, y, 1060, 2, rule);
        text(&mut page, &font, 28.0, 110, y + 28, label, ink);
        text(&mut page, &font, 30.0, 330, y + 26, value, ink);
        text(&mut page, &font, 28.0, 790, y + 28, other_label, ink);
        text(&mut page, &font, 28.0, 930, y + 28, other_value, ink);
    }
    fill(&mut page, 90, top + 9 * height, 1060, 2, rule);
    if smeared {
        let (x, y) = (320, top + height + 10);
        let line = image::imageops::crop_imm(&page, x, y, 440, 72).to_image();
        image::imageops::replace(&mut page, &image::imageops::blur(&line, 12.0), i64::from(x), i64::from(y));
    }
    text(&mut page, &font, 26.0, 110, 1240, "在线验证码：A1B2C3D4E5F6G7H8", ink);
    text(&mut page, &font, 22.0, 110, 1290, &format!("本备案表在线验证有效期至{}", holder.verification_ends), ink);
    draw_qr_at(&mut page, qr, (900, 1330));
    page
}

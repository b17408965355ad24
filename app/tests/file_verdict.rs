//! The judgement of a file against a category's rules: every violation, with its numbers.
mod support;

use app::domain::aspect_ratio::AspectRatio;
use app::domain::{judge_file, CategoryRules, FileFormat, ViolationCode as Code};
use support::*;

fn jpeg_only_300kb() -> CategoryRules {
    CategoryRules { formats: vec![FileFormat::Jpeg], max_bytes: Some(300 * 1024), ..Default::default() }
}

fn codes(bytes: &[u8], rules: &CategoryRules) -> Vec<Code> {
    judge_file(bytes, rules, 0).violations.iter().map(|v| v.code).collect()
}

#[test]
fn a_small_jpeg_is_accepted() {
    assert!(judge_file(&jpeg(300, 400), &jpeg_only_300kb(), 0).accepted());
}

#[test]
fn an_oversized_file_is_refused_with_its_size_and_the_limit() {
    let file = jpeg_padded_to(300, 400, 412 * 1024);
    let verdict = judge_file(&file, &jpeg_only_300kb(), 0);
    let violation = verdict.violations.iter().find(|v| v.code == Code::FileTooLarge).unwrap();
    assert!(violation.message_zh.contains("超过上限 300 KB"), "{}", violation.message_zh);
    assert!(violation.message_zh.contains("412"), "{}", violation.message_zh);
    assert!(violation.message_en.contains("above the 300 KB limit"), "{}", violation.message_en);
}

#[test]
fn a_file_under_the_minimum_is_refused() {
    let rules = CategoryRules { min_bytes: Some(100 * 1024), ..Default::default() };
    assert_eq!(codes(&jpeg(50, 50), &rules), vec![Code::FileTooSmall]);
}

#[test]
fn png_renamed_to_jpg_is_refused_where_only_jpeg_is_allowed() {
    let violations = judge_file(&png(100, 100), &jpeg_only_300kb(), 0).violations;
    assert_eq!(violations[0].code, Code::FormatNotAllowed);
    assert!(violations[0].message_zh.contains("PNG"));
}

#[test]
fn png_is_accepted_where_png_is_allowed() {
    let rules = CategoryRules { formats: vec![FileFormat::Jpeg, FileFormat::Png], ..Default::default() };
    assert!(judge_file(&png(100, 100), &rules, 0).accepted());
}

#[test]
fn every_violation_is_reported_not_just_the_first() {
    let rules = CategoryRules {
        formats: vec![FileFormat::Jpeg],
        max_bytes: Some(1024),
        min_width: Some(295),
        min_height: Some(413),
        ..Default::default()
    };
    let found = codes(&with_trailing_zip(&png(100, 100)), &rules);
    for code in
        [Code::FileTooLarge, Code::FormatNotAllowed, Code::TrailingData, Code::WidthTooSmall, Code::HeightTooSmall]
    {
        assert!(found.contains(&code), "{code:?} missing from {found:?}");
    }
}

#[test]
fn minimum_pixels_are_judged_as_displayed_after_exif_rotation() {
    let rules = CategoryRules { min_width: Some(295), min_height: Some(413), ..Default::default() };
    // Stored landscape 413×295, displayed portrait 295×413 once turned.
    let turned = jpeg_with_exif(&jpeg(413, 295), ExifSpec { orientation: Some(6), ..Default::default() });
    assert!(judge_file(&turned, &rules, 0).accepted());
    assert_eq!(codes(&jpeg(413, 295), &rules), vec![Code::HeightTooSmall]);
}

#[test]
fn aspect_ratio_within_tolerance_passes_and_outside_is_refused_with_the_deviation() {
    let rules = CategoryRules { aspect: Some(AspectRatio::parse("3:4").unwrap()), ..Default::default() };
    assert!(judge_file(&jpeg(300, 400), &rules, 0).accepted());
    assert!(judge_file(&jpeg(303, 400), &rules, 0).accepted()); // 1% off
    let verdict = judge_file(&jpeg(400, 400), &rules, 0);
    assert_eq!(verdict.violations[0].code, Code::AspectMismatch);
    assert!(
        verdict.violations[0].message_en.contains("33.3% off the required 3:4"),
        "{}",
        verdict.violations[0].message_en
    );
}

#[test]
fn dpi_below_the_minimum_is_refused_and_names_its_source() {
    let rules = CategoryRules { min_dpi: Some(200), ..Default::default() };
    assert!(judge_file(&jpeg_with_density(100, 100, Some(300)), &rules, 0).accepted());
    let verdict = judge_file(&jpeg_with_density(100, 100, Some(150)), &rules, 0);
    assert_eq!(verdict.violations[0].code, Code::DpiTooLow);
    assert!(verdict.violations[0].message_zh.contains("150 DPI（JFIF）"), "{}", verdict.violations[0].message_zh);
}

#[test]
fn a_scan_without_any_dpi_is_refused_where_dpi_is_required() {
    let rules = CategoryRules { min_dpi: Some(200), ..Default::default() };
    assert_eq!(codes(&jpeg(100, 100), &rules), vec![Code::DpiMissing]);
}

#[test]
fn a_pixel_bomb_is_refused_before_any_decoding() {
    let mut bomb = jpeg(16, 16);
    // Rewrite the frame header to claim 60000×60000 pixels.
    let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bomb[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    assert!(codes(&bomb, &CategoryRules::default()).contains(&Code::TooManyPixels));
}

#[test]
fn truncated_and_trailing_files_are_refused() {
    let file = jpeg(100, 100);
    assert_eq!(codes(&file[..file.len() - 10], &CategoryRules::default()), vec![Code::Truncated]);
    assert_eq!(codes(&with_trailing_zip(&file), &CategoryRules::default()), vec![Code::TrailingData]);
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    assert_eq!(codes(&[], &jpeg_only_300kb()), vec![Code::EmptyFile]);
}

#[test]
fn a_heic_photo_is_refused_naming_what_it_is() {
    let verdict = judge_file(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", &jpeg_only_300kb(), 0);
    assert_eq!(verdict.violations[0].code, Code::NotAPicture);
    assert!(verdict.violations[0].message_zh.contains("HEIC"));
    // And it says which phone setting makes JPEG instead.
    assert!(verdict.violations[0].message_zh.contains("兼容性最佳"), "{}", verdict.violations[0].message_zh);
    assert!(verdict.violations[0].message_en.contains("Most Compatible"));
}

#[test]
fn a_full_category_refuses_one_more_material() {
    let rules = CategoryRules { max_count: Some(2), ..Default::default() };
    assert!(judge_file(&jpeg(10, 10), &rules, 1).accepted());
    let verdict = judge_file(&jpeg(10, 10), &rules, 2);
    assert_eq!(verdict.violations[0].code, Code::TooManyFiles);
    assert!(verdict.violations[0].message_zh.contains("最多 2 张"));
}

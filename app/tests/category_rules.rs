//! Category rules as administrators write them in TOML.

use app::domain::aspect_ratio::AspectRatio;
use app::domain::category_rules::{DEFAULT_ASPECT_TOLERANCE, DEFAULT_MAX_PIXELS};
use app::domain::{CategoryRules, FileFormat};

#[test]
fn every_documented_key_is_read() {
    let rules: CategoryRules = toml::from_str(
        r#"
        formats = ["jpeg", "png"]
        min_bytes = 102400
        max_bytes = 409600
        min_width = 300
        min_height = 400
        aspect = "3:4"
        aspect_tolerance = 0.05
        min_dpi = 200
        max_count = 2
        required = true
        "#,
    )
    .unwrap();
    assert_eq!(rules.formats, vec![FileFormat::Jpeg, FileFormat::Png]);
    assert_eq!((rules.min_bytes, rules.max_bytes), (Some(102400), Some(409600)));
    assert_eq!((rules.min_width, rules.min_height), (Some(300), Some(400)));
    assert_eq!(rules.aspect, Some(AspectRatio::parse("3:4").unwrap()));
    assert_eq!(
        (rules.aspect_tolerance, rules.min_dpi, rules.max_count, rules.required),
        (0.05, Some(200), Some(2), true)
    );
}

#[test]
fn omitted_keys_take_safe_defaults() {
    let rules: CategoryRules = toml::from_str("").unwrap();
    assert_eq!(rules.formats, vec![FileFormat::Jpeg]);
    assert_eq!(rules.aspect_tolerance, DEFAULT_ASPECT_TOLERANCE);
    assert_eq!(rules.max_pixels, DEFAULT_MAX_PIXELS);
    assert!(!rules.required);
}

#[test]
fn a_misspelt_key_is_an_error_not_silently_ignored() {
    let error = toml::from_str::<CategoryRules>("max_byte = 100").unwrap_err();
    assert!(error.to_string().contains("max_byte"), "{error}");
}

#[test]
fn a_malformed_aspect_is_an_error() {
    assert!(toml::from_str::<CategoryRules>("aspect = \"3x4\"").is_err());
}

#[test]
fn contradictory_rules_are_reported_together() {
    let rules: CategoryRules =
        toml::from_str("min_bytes = 500\nmax_bytes = 100\naspect_tolerance = 2.0\nformats = []").unwrap();
    assert_eq!(rules.validated().unwrap_err().len(), 3);
}

#[test]
fn rules_are_described_in_plain_words() {
    let rules: CategoryRules =
        toml::from_str("max_bytes = 307200\nmin_width = 295\nmin_height = 413\nmax_count = 2").unwrap();
    assert_eq!(rules.describe_zh(), vec!["JPEG 格式", "文件不超过 300 KB", "像素不小于 295×413（宽×高）", "最多 2 张"]);
    assert_eq!(rules.describe_en()[1], "at most 300 KB per file");
}

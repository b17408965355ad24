//! The photo tool's plan: which sizes and qualities it tries for a picture under a category's
//! rules, and what it says cannot be fixed. The encoder here is a model of JPEG (bytes grow with
//! pixels and with quality); the browser's canvas is the real one (Playwright covers it).

mod support;

use app::domain::aspect_ratio::AspectRatio;
use app::domain::image_facts::{ColorModel, Dpi, DpiSource};
use app::domain::photo_fit::{centred_crop, describe_fit, fit_with, plan_fit, Fit, FitPlan, QualitySearch, SearchEnd};
use app::domain::{CategoryRules, ImageFacts, ImageFormat};
use proptest::prelude::*;

fn photo(width: u32, height: u32, bytes: u64, orientation: u8) -> ImageFacts {
    ImageFacts {
        format: ImageFormat::Jpeg,
        byte_len: bytes,
        stored_width: width,
        stored_height: height,
        orientation,
        dpi: None,
        color: ColorModel::Rgb,
        progressive: false,
        ends_properly: true,
        trailing_bytes: 0,
    }
}

/// Bytes a JPEG of this size weighs at this quality: about 0.25 bits a pixel at the floor, 3 at
/// the ceiling, growing with the square of the quality, as real encoders roughly do.
fn model_jpeg((width, height): (u32, u32), quality: f32) -> u64 {
    let bits_per_pixel = 0.1 + 3.2 * f64::from(quality).powi(2);
    (f64::from(width) * f64::from(height) * bits_per_pixel / 8.0) as u64
}

fn plan(fit: Fit) -> FitPlan {
    match fit {
        Fit::Plan(plan) => plan,
        other => panic!("expected a plan, got {other:?}"),
    }
}

fn phone_rules() -> CategoryRules {
    CategoryRules {
        min_bytes: Some(100 * 1024),
        max_bytes: Some(300 * 1024),
        min_width: Some(1240),
        ..Default::default()
    }
}

#[test]
fn a_12_megapixel_sideways_phone_photo_is_turned_upright_and_scaled_down_to_the_short_side_it_needs() {
    let sideways = photo(4000, 3000, 3_700_000, 6);
    let plan = plan(plan_fit(&sideways, &phone_rules()));
    assert!(plan.upright);
    assert_eq!(plan.crop, None);
    assert_eq!(plan.sizes.first(), Some(&(3000, 4000)), "upright: the short side is the width");
    assert_eq!(plan.sizes.last(), Some(&(1240, 1654)), "the smallest size the rule allows is tried last");
    assert!(plan.sizes.iter().all(|&(w, _)| w >= 1240));
    assert!(plan.sizes.windows(2).all(|pair| pair[0].0 > pair[1].0), "largest first");

    let (size, quality, bytes) = fit_with(&plan, model_jpeg).expect("it fits");
    assert!((100 * 1024..=300 * 1024).contains(&bytes), "{bytes}");
    assert!(size.0 >= 1240 && quality >= 0.40);
    let (zh, en) = describe_fit(&sideways, size, bytes, &plan);
    assert!(
        zh.starts_with("已自动调整：3.6 MB → ") && zh.contains("4000×3000 → ") && zh.contains("已按拍摄方向转正"),
        "{zh}"
    );
    assert!(en.contains("turned upright"), "{en}");
}

#[test]
fn a_4_3_photo_for_a_3_4_id_photo_rule_is_cropped_around_the_centre_never_stretched() {
    let rules = CategoryRules {
        min_bytes: Some(100 * 1024),
        max_bytes: Some(400 * 1024),
        min_width: Some(300),
        min_height: Some(400),
        aspect: Some(AspectRatio::parse("3:4").unwrap()),
        ..Default::default()
    };
    let plan = plan(plan_fit(&photo(4000, 3000, 2_900_000, 1), &rules));
    assert_eq!(plan.crop, Some(centred_crop(4000, 3000, 0.75)));
    let crop = plan.crop.unwrap();
    assert_eq!((crop.x, crop.y, crop.width, crop.height), (875, 0, 2250, 3000));
    for &(w, h) in &plan.sizes {
        assert!((f64::from(w) / f64::from(h) - 0.75).abs() < 0.01, "{w}×{h} keeps 3:4");
    }
    assert!(fit_with(&plan, model_jpeg).is_some());
}

#[test]
fn too_few_pixels_cannot_be_fixed_and_the_message_names_both_numbers() {
    let Fit::Cannot(reasons) = plan_fit(&photo(800, 600, 90_000, 1), &phone_rules()) else { panic!("fixable?") };
    assert_eq!(reasons[0].code.as_str(), "width_too_small");
    assert!(reasons[0].message_zh.contains("800 像素") && reasons[0].message_zh.contains("至少需要 1240"));
}

#[test]
fn a_dpi_is_written_only_where_the_pixels_back_it_on_a4() {
    let rules = CategoryRules { max_bytes: Some(600 * 1024), min_dpi: Some(200), ..Default::default() };
    // 1200 pixels across an A4 page is 145 DPI: no DPI can be claimed for it.
    let Fit::Cannot(reasons) = plan_fit(&photo(1200, 1600, 500_000, 1), &rules) else { panic!("faked a DPI") };
    assert!(reasons[0].message_zh.contains("至少需要 1654 像素"), "{}", reasons[0].message_zh);
    // An A4 scan at 300 DPI, 5 MB: scaled down, and the DPI written is what its pixels give.
    let plan = plan(plan_fit(&photo(2480, 3508, 5_000_000, 1), &rules));
    assert!(plan.sizes.iter().all(|&(w, _)| w >= 1654));
    assert_eq!(plan.dpi, Some((2480.0 / (210.0 / 25.4)) as u32));
}

#[test]
fn a_picture_that_already_fits_is_left_alone_and_a_png_is_converted() {
    let rules = phone_rules();
    let mut fine = photo(1500, 2000, 200 * 1024, 1);
    fine.dpi = Some(Dpi { x: 72.0, y: 72.0, source: DpiSource::Exif });
    assert_eq!(plan_fit(&fine, &rules), Fit::AlreadyFits);
    let png = ImageFacts { format: ImageFormat::Png, ..fine.clone() };
    let plan = plan(plan_fit(&png, &rules));
    let (zh, _) = describe_fit(&png, plan.sizes[0], 250 * 1024, &plan);
    assert!(zh.contains("已转为 JPEG"), "{zh}");
}

#[test]
fn the_quality_search_finds_the_highest_fitting_quality_in_a_few_encodes() {
    let mut search = QualitySearch::new(100 * 1024, 300 * 1024);
    let mut tries = 0;
    while let Some(quality) = search.next() {
        search.record(quality, model_jpeg((1654, 2205), quality));
        tries += 1;
    }
    let SearchEnd::Fitted { quality, bytes } = search.end() else { panic!("no fit") };
    assert!(tries <= 8, "{tries} encodes");
    assert!(bytes <= 300 * 1024);
    assert!(model_jpeg((1654, 2205), quality + 0.05) > 300 * 1024, "a clearly higher quality would not fit");
}

proptest! {
    /// Whatever the photo and the window, a fit the tool reports is inside the window and at
    /// least the minimum size; and for a window a large picture can reach, there is a fit.
    #[test]
    fn a_reported_fit_is_always_inside_the_window(
        width in 1300u32..6000,
        height in 1300u32..6000,
        orientation in prop::sample::select(vec![1u8, 3, 6, 8]),
        min_kb in 20u64..200,
        span_kb in 60u64..400,
    ) {
        let rules = CategoryRules {
            min_bytes: Some(min_kb * 1024),
            max_bytes: Some((min_kb + span_kb) * 1024),
            min_width: Some(1240),
            ..Default::default()
        };
        let source = photo(width, height, 9_000_000, orientation);
        if let Fit::Plan(plan) = plan_fit(&source, &rules) {
            prop_assert!(plan.sizes.iter().all(|&(w, h)| u64::from(w) * u64::from(h) <= 4096 * 4096));
            if let Some((size, _, bytes)) = fit_with(&plan, model_jpeg) {
                prop_assert!(rules.min_bytes.unwrap() <= bytes && bytes <= rules.max_bytes.unwrap());
                prop_assert!(size.0 >= 1240);
            }
        }
    }
}

#[test]
fn the_dpi_the_tool_writes_is_the_dpi_the_probe_reads() {
    use app::domain::jfif_density::with_jfif_density;
    let with_jfif = support::jpeg(120, 90);
    assert_eq!(&with_jfif[6..11], b"JFIF\0");
    let app0_end = 4 + usize::from(u16::from_be_bytes([with_jfif[4], with_jfif[5]]));
    let without_jfif = [&with_jfif[..2], &with_jfif[app0_end..]].concat();
    for file in [with_jfif, without_jfif] {
        let marked = with_jfif_density(&file, 200).unwrap();
        let dpi = ImageFacts::probe(&marked).unwrap().dpi.expect("a DPI");
        assert_eq!((dpi.x, dpi.y, dpi.source), (200.0, 200.0, DpiSource::Jfif));
    }
    assert_eq!(with_jfif_density(b"GIF89a", 200), None);
}

#[test]
fn the_crop_box_moves_and_resizes_inside_the_picture_keeping_its_aspect() {
    let picture = (4000, 3000);
    let centred = centred_crop(4000, 3000, 0.75);
    let right = centred.moved(10_000, 0, picture);
    assert_eq!((right.x, right.width), (4000 - 2250, 2250), "stops at the right edge");
    let left = centred.moved(-10_000, -5, picture);
    assert_eq!((left.x, left.y), (0, 0));

    let smaller = centred.scaled(0.5, picture, 300);
    assert_eq!((smaller.width, smaller.height), (1125, 1500));
    assert_eq!((smaller.x + smaller.width / 2, smaller.y + smaller.height / 2), (2000, 1500), "around its centre");
    assert_eq!(smaller.scaled(0.01, picture, 300).width, 300, "never below the rule's minimum width");
    let largest = smaller.scaled(10.0, picture, 300);
    assert_eq!((largest.width, largest.height), (2250, 3000), "never beyond the picture");

    // A chosen box is what the plan keeps.
    let rules = CategoryRules {
        aspect: Some(AspectRatio::parse("3:4").unwrap()),
        max_bytes: Some(400 * 1024),
        ..Default::default()
    };
    let plan = plan(app::domain::photo_fit::plan_with_crop(&photo(4000, 3000, 2_900_000, 1), &rules, Some(smaller)));
    assert_eq!(plan.crop, Some(smaller));
    assert_eq!(plan.sizes[0], (1125, 1500));
}

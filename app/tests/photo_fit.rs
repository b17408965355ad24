//! The photo tool's plan: which sizes and qualities it tries for a picture under a category's
//! rules, and what it says cannot be fixed. The encoder here is a model of JPEG (bytes grow with
//! pixels and with quality); the browser's canvas is the real one (Playwright covers it).

mod support;

use app::domain::aspect_ratio::AspectRatio;
use app::domain::file_facts::{ColorModel, Dpi, DpiSource};
use app::domain::fit_search::{fit_with, FitSearch, FitTry, GOOD_QUALITY, QUALITY_FLOOR};
use app::domain::photo_fit::{centred_crop, describe_fit, plan_fit, Fit, FitPlan};
use app::domain::{CategoryRules, FileFacts, FileFormat};
use proptest::prelude::*;

fn photo(width: u32, height: u32, bytes: u64, orientation: u8) -> FileFacts {
    FileFacts {
        format: FileFormat::Jpeg,
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

/// 004's ID photo: JPEG, 100–400 KB, at least 300 × 400, 3:4.
fn id_photo_rules_004() -> CategoryRules {
    CategoryRules {
        min_bytes: Some(100 * 1024),
        max_bytes: Some(400 * 1024),
        min_width: Some(300),
        min_height: Some(400),
        aspect: Some(AspectRatio::parse("3:4").unwrap()),
        ..Default::default()
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

    let FitTry { size, quality, bytes } = fit_with(&plan, model_jpeg).expect("it fits");
    assert!((100 * 1024..=300 * 1024).contains(&bytes), "{bytes}");
    assert!(size.0 >= 1240 && quality >= QUALITY_FLOOR);
    let (zh, en) = describe_fit(&sideways, size, bytes, &plan);
    assert!(
        zh.starts_with("已自动调整：3.6 MB → ") && zh.contains("4000×3000 → ") && zh.contains("已按拍摄方向转正"),
        "{zh}"
    );
    assert!(en.contains("turned upright"), "{en}");
}

#[test]
fn a_4_3_photo_for_a_3_4_id_photo_rule_is_cropped_around_the_centre_never_stretched() {
    let rules = id_photo_rules_004();
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
    let png = FileFacts { format: FileFormat::Png, ..fine.clone() };
    let plan = plan(plan_fit(&png, &rules));
    let (zh, _) = describe_fit(&png, plan.sizes[0], 250 * 1024, &plan);
    assert!(zh.contains("已转为 JPEG"), "{zh}");
}

#[test]
fn the_search_jumps_to_the_largest_size_that_keeps_a_good_quality_in_a_few_encodes() {
    let plan = plan(plan_fit(&photo(4000, 3000, 3_700_000, 6), &phone_rules()));
    let mut search = FitSearch::new(&plan);
    let mut asked = Vec::new();
    while let Some(next) = search.next() {
        asked.push((next.size, next.quality));
        search.record(next.size, next.quality, model_jpeg(next.size, next.quality));
    }
    assert_eq!(asked[0], (*plan.sizes.last().unwrap(), GOOD_QUALITY), "the probe is the cheapest size");
    assert!(asked.len() <= 4, "{asked:?}");
    assert!(asked.iter().all(|&(size, _)| size.0 * size.1 < 4_000_000), "no encode near 12 MP: {asked:?}");
    let FitTry { size, quality, bytes } = search.best().expect("a fit");
    assert!((220 * 1024..=300 * 1024).contains(&bytes), "in the upper part of the window: {bytes}");
    // This grainy photo keeps no good quality in 300 KB at any size: the smallest, below 0.7.
    assert_eq!(size, (1240, 1654));
    assert!((QUALITY_FLOOR..GOOD_QUALITY).contains(&quality), "{quality}");
}

#[test]
fn a_clean_page_gets_the_largest_size_that_keeps_a_good_quality_not_the_smallest() {
    let plan = plan(plan_fit(&photo(4000, 3000, 2_000_000, 6), &phone_rules()));
    let clean_page = varied_jpeg(0.3, 2.0, 0.0);
    let mut encodes = 0;
    let FitTry { size, quality, bytes } = fit_with(&plan, |size, quality| {
        encodes += 1;
        clean_page(size, quality)
    })
    .expect("a fit");
    assert!(encodes <= 4, "{encodes} encodes");
    assert!((220 * 1024..=300 * 1024).contains(&bytes), "{bytes}");
    assert!(size.0 > 1240 && quality >= 0.6, "{size:?} at {quality}");
    let larger = plan.sizes[plan.sizes.iter().position(|&s| s == size).unwrap() - 1];
    assert!(clean_page(larger, GOOD_QUALITY) > 300 * 1024, "{larger:?} would have kept a good quality too");
}

#[test]
fn a_small_id_photo_rule_makes_the_search_go_up_from_a_probe_too_light_to_count() {
    // 004's ID photo: 100–400 KB, at least 300 × 400: the smallest size weighs a few KB.
    let rules = id_photo_rules_004();
    let plan = plan(plan_fit(&photo(3024, 4032, 5_000_000, 1), &rules));
    assert_eq!(plan.sizes.last(), Some(&(300, 400)));
    assert!(model_jpeg((300, 400), 0.95) < 100 * 1024, "the probe alone cannot fit");
    let fit = fit_with(&plan, model_jpeg).expect("a larger size fits");
    assert!((100 * 1024..=400 * 1024).contains(&fit.bytes) && fit.size.0 > 300, "{fit:?}");
}

/// A picture's JPEG, heavier or lighter than the model's by `content` (detail), with slightly fewer
/// bytes a pixel as pictures grow (scaling down packs detail), a quality curve steeper or flatter
/// by `steep`, and `grain` bits a pixel that no quality removes (sensor noise): the search's own
/// model is never quite the encoder.
fn varied_jpeg(content: f64, steep: f64, grain: f64) -> impl Fn((u32, u32), f32) -> u64 {
    move |(width, height), quality| {
        let pixels = f64::from(width) * f64::from(height);
        let bits_per_pixel = 0.1 + grain + 3.2 * f64::from(quality).powf(steep);
        (content * pixels.powf(0.97) * bits_per_pixel / 8.0) as u64
    }
}

#[test]
fn a_grainy_photo_whose_jpeg_hardly_shrinks_with_quality_is_fitted_at_a_smaller_size() {
    // 004's ID photo from a noisy 4:3 phone photo: cropped to 900 × 1200, too heavy even at the
    // floor there, since grain costs bits at any quality.
    let rules = id_photo_rules_004();
    let plan = plan(plan_fit(&photo(1600, 1200, 1_800_000, 1), &rules));
    let grainy = varied_jpeg(1.0, 2.0, 5.0);
    assert!(grainy(plan.sizes[0], QUALITY_FLOOR) > 400 * 1024, "the largest size cannot fit");
    let fit = fit_with(&plan, grainy).expect("a smaller size fits");
    assert!((100 * 1024..=400 * 1024).contains(&fit.bytes) && fit.size.0 < 900, "{fit:?}");
}

proptest! {
    /// Whatever the photo, its content and the window, a fit the tool reports is inside the
    /// window and at least the minimum size; and when some size and quality of the plan land in
    /// the window, the search finds a fit, in at most ten encodes.
    #[test]
    fn a_reported_fit_is_always_inside_the_window_and_one_is_found_when_one_exists(
        width in 1300u32..6000,
        height in 1300u32..6000,
        orientation in prop::sample::select(vec![1u8, 3, 6, 8]),
        min_kb in 20u64..200,
        span_kb in 60u64..400,
        content in 0.2f64..5.0,
        steep in 1.5f64..3.0,
        grain in prop::sample::select(vec![0.0f64, 0.5, 2.0, 5.0]),
    ) {
        let rules = CategoryRules {
            min_bytes: Some(min_kb * 1024),
            max_bytes: Some((min_kb + span_kb) * 1024),
            min_width: Some(1240),
            ..Default::default()
        };
        let encoder = varied_jpeg(content, steep, grain);
        let source = photo(width, height, 9_000_000, orientation);
        if let Fit::Plan(plan) = plan_fit(&source, &rules) {
            prop_assert!(plan.sizes.iter().all(|&(w, h)| u64::from(w) * u64::from(h) <= 4096 * 4096));
            let window = rules.min_bytes.unwrap()..=rules.max_bytes.unwrap();
            let mut encodes = 0;
            match fit_with(&plan, |size, quality| { encodes += 1; encoder(size, quality) }) {
                Some(fit) => {
                    prop_assert!(window.contains(&fit.bytes));
                    prop_assert!(fit.size.0 >= 1240);
                }
                None => {
                    let reachable = plan.sizes.iter().any(|&size| {
                        (40..=95).any(|q| window.contains(&encoder(size, q as f32 / 100.0)))
                    });
                    prop_assert!(!reachable, "a fit existed and was not found");
                }
            }
            prop_assert!(encodes <= 10);
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
        let dpi = FileFacts::probe(&marked).unwrap().dpi.expect("a DPI");
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

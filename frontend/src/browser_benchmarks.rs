//! What the candidate's browser does before sending, callable from a script, each by the path
//! the pages take: `./scripts/bench-photo-fit.sh` times 自动调整 against browser-image-compression,
//! `./scripts/bench-before-sending.sh` times the face search on an ID photo and a PDF drawn into
//! its pages (figures in `docs/benchmarks.md`).

use app::client::{face_finder, fit_photo, picture_pixels, ChosenFile};
use app::components::pdf_pages_on_demand::pdfs_drawn;
use app::domain::category_rules::CategoryRules;
use app::domain::face_finder::FACE_SIDE;
use app::domain::photo_fit::{plan_fit, Fit};
use app::domain::FileFacts;
use wasm_bindgen::prelude::*;

/// Fits `bytes` into [`min_bytes`, `max_bytes`] as JPEG with at least `min_short_side` pixels on
/// the short side; the fitted file, or empty when it cannot be fitted.
#[wasm_bindgen]
pub async fn fit_photo_for_benchmark(
    bytes: Vec<u8>,
    min_bytes: u32,
    max_bytes: u32,
    min_short_side: u32,
) -> Result<Vec<u8>, JsValue> {
    let facts = FileFacts::probe(&bytes).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let short_is_width = facts.width() <= facts.height();
    let rules = CategoryRules {
        min_bytes: Some(u64::from(min_bytes)),
        max_bytes: Some(u64::from(max_bytes)),
        min_width: short_is_width.then_some(min_short_side),
        min_height: (!short_is_width).then_some(min_short_side),
        ..CategoryRules::default()
    };
    match plan_fit(&facts, &rules) {
        Fit::Plan(plan) => Ok(fit_photo(&bytes, &plan).await?.map(|fitted| fitted.bytes).unwrap_or_default()),
        Fit::AlreadyFits => Ok(bytes),
        Fit::Cannot(reasons) => Err(JsValue::from_str(&format!("{reasons:?}"))),
    }
}

/// An ID photo as the face search sees it: decoded upright and drawn at most `FACE_SIDE` long, as
/// the looks advice and 自动调整 draw it. RGBA, followed by the width and the height (4 bytes each,
/// little-endian), so that the script can time the decoding apart from the search.
#[wasm_bindgen]
pub async fn face_pixels_for_benchmark(bytes: Vec<u8>) -> Result<Vec<u8>, JsValue> {
    let (mut rgba, width, height) = picture_pixels(&bytes, FACE_SIDE).await.map_err(|e| JsValue::from_str(&e))?;
    rgba.extend_from_slice(&width.to_le_bytes());
    rgba.extend_from_slice(&height.to_le_bytes());
    Ok(rgba)
}

/// The faces found in those pixels by the detector the pages use (its model fetched from the site
/// the first time): each as x, y, width, height in the pixels' own scale.
#[wasm_bindgen]
pub async fn face_search_for_benchmark(rgba: Vec<u8>, width: u32, height: u32) -> Result<Vec<f64>, JsValue> {
    let finder = face_finder().await.ok_or_else(|| JsValue::from_str("the face model could not be fetched"))?;
    Ok(finder.find(&rgba, width, height).iter().flat_map(|face| [face.x, face.y, face.width, face.height]).collect())
}

/// A PDF drawn into its pages at `dpi` and each encoded inside [`min_bytes`, `max_bytes`], as a category that takes
/// JPEGs does with a chosen PDF: the JPEG's bytes of each page, in order.
#[wasm_bindgen]
pub async fn pdf_pages_for_benchmark(
    bytes: Vec<u8>,
    dpi: u32,
    min_bytes: u32,
    max_bytes: u32,
) -> Result<Vec<u32>, JsValue> {
    let file = ChosenFile { name: "benchmark.pdf".to_string(), bytes };
    let pages = pdfs_drawn(vec![file], Some(dpi), (Some(u64::from(min_bytes)), Some(u64::from(max_bytes))), None)
        .await
        .map_err(|(_, english)| JsValue::from_str(&english))?;
    Ok(pages.iter().map(|page| u32::try_from(page.bytes.len()).unwrap_or(u32::MAX)).collect())
}

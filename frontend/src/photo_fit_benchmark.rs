//! The photo tool's fit, callable from a script: `./scripts/bench-photo-fit.sh` times it against
//! browser-picture-compression in the same page (figures in `docs/benchmarks.md`). It takes the
//! same path as 自动调整 in the pages: the shared probe, the shared plan, the browser's canvas.

use app::client::fit_photo;
use app::domain::category_rules::CategoryRules;
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

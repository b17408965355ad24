//! The photo tool's plan (issue 12): given a category's rules and what the probe learned of a
//! chosen picture, what can be made to fit — turned upright, cropped to the aspect, scaled, and
//! re-encoded as JPEG at a quality that lands the bytes inside the window — and what cannot, in
//! words with the numbers. Pure: the browser's canvas does the pixels; this decides which sizes may
//! be tried (`FitPlan::sizes`), and `fit_search` which size and quality to encode next.

use serde::{Deserialize, Serialize};

use super::byte_size::{format_bytes, format_limit, Rounding};
use super::category_rules::CategoryRules;
use super::file_facts::FileFacts;
use super::file_format::FileFormat;
use super::violation::{Violation, ViolationCode as Code};

/// Phones refuse a canvas above 16.7 megapixels (4096 × 4096); no size is planned above it.
pub const MAX_CANVAS_PIXELS: u64 = 4096 * 4096;
/// The paper a scan's DPI is judged against unless a category says otherwise: A4's short side.
pub const A4_SHORT_SIDE_INCHES: f64 = 210.0 / 25.4;
/// Each smaller size tried is this fraction of the one before (by side).
const SIZE_STEP: f64 = 0.85;

/// A rectangle of the upright picture, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CropBox {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// What the browser does to a picture that breaks only rules it can fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitPlan {
    /// Turn the pixels upright from the EXIF orientation (the canvas reads it).
    pub upright: bool,
    /// The part kept, centred, when the category wants an aspect the picture does not have; the
    /// candidate may move and resize it (keeping the aspect).
    pub crop: Option<CropBox>,
    /// Output sizes to try, largest first; every one meets the category's minimum pixels (and the
    /// DPI's), none exceeds its maximum or a phone's canvas.
    pub sizes: Vec<(u32, u32)>,
    /// The bytes the result must land in: [min, max].
    pub min_bytes: u64,
    pub max_bytes: u64,
    /// The DPI written into the result: what its pixels give on A4, never more. None: the
    /// category asks no DPI.
    pub dpi: Option<u32>,
}

/// The verdict of the photo tool on a chosen picture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Fit {
    /// Nothing to fix.
    AlreadyFits,
    /// Fixable: do this, then judge the result as any upload.
    Plan(FitPlan),
    /// Not fixable here: every reason, with its numbers.
    Cannot(Vec<Violation>),
}

/// Plans the fix for a picture with these facts under these rules.
pub fn plan_fit(facts: &FileFacts, rules: &CategoryRules) -> Fit {
    let (width, height) = (facts.width(), facts.height());
    let crop = rules
        .aspect
        .filter(|aspect| aspect.relative_deviation(width, height) > rules.aspect_tolerance)
        .map(|aspect| centred_crop(width, height, aspect.value()));
    plan_with_crop(facts, rules, crop)
}

/// As `plan_fit`, with the part of the picture the candidate chose to keep (the crop box moved or
/// resized from the centred one); None keeps the whole picture.
pub fn plan_with_crop(facts: &FileFacts, rules: &CategoryRules, crop: Option<CropBox>) -> Fit {
    let (kept_w, kept_h) = crop.map_or((facts.width(), facts.height()), |c| (c.width, c.height));

    let dpi_short_side = rules.min_dpi.map(|dpi| (A4_SHORT_SIDE_INCHES * f64::from(dpi)).ceil() as u32);
    let mut cannot = Vec::new();
    if let Some(min) = rules.min_width.filter(|&min| kept_w < min) {
        cannot.push(too_few_pixels("宽", "wide", kept_w, min));
    }
    if let Some(min) = rules.min_height.filter(|&min| kept_h < min) {
        cannot.push(too_few_pixels("高", "high", kept_h, min));
    }
    if let (Some(needed), Some(dpi)) = (dpi_short_side, rules.min_dpi) {
        let short = kept_w.min(kept_h);
        if short < needed {
            cannot.push(Violation::new(
                Code::DpiTooLow,
                format!("图片最短边 {short} 像素，按 A4 纸 {dpi} DPI 至少需要 {needed} 像素；请用更高分辨率重新拍摄或扫描（DPI 不能凭空写大）"),
                format!("The picture's short side is {short} pixels; {dpi} DPI on A4 needs at least {needed}. Take or scan it again at a higher resolution (a DPI cannot simply be written larger)"),
            ));
        }
    }
    if !rules.accepts(FileFormat::Jpeg) {
        cannot.push(Violation::new(
            Code::FormatNotAllowed,
            format!("本类只接受 {}，照片工具只能生成 JPEG", rules.formats_text()),
            format!("This category accepts {} only; the photo tool makes JPEG", rules.formats_text()),
        ));
    }
    if !cannot.is_empty() {
        return Fit::Cannot(cannot);
    }

    let max_bytes = rules.max_bytes.unwrap_or(u64::MAX);
    let min_bytes = rules.min_bytes.unwrap_or(0);
    let pixel_cap = rules.max_pixels.min(MAX_CANVAS_PIXELS);
    let needs_fix = crop.is_some()
        || facts.byte_len > max_bytes
        || facts.byte_len < min_bytes
        || !rules.accepts(facts.format)
        || facts.pixel_count() > rules.max_pixels
        || (rules.min_dpi.is_some()
            && facts.dpi.is_none_or(|dpi| dpi.effective() + 0.5 < f64::from(rules.min_dpi.unwrap_or(0))));
    if !needs_fix {
        return Fit::AlreadyFits;
    }

    // The smallest scale that keeps every minimum, the largest that keeps every cap.
    let (w, h) = (f64::from(kept_w), f64::from(kept_h));
    let smallest = [
        rules.min_width.map(|m| f64::from(m) / w),
        rules.min_height.map(|m| f64::from(m) / h),
        dpi_short_side.map(|m| f64::from(m) / w.min(h)),
    ]
    .into_iter()
    .flatten()
    .fold(0.0_f64, f64::max);
    let largest = (pixel_cap as f64 / (w * h)).sqrt().min(1.0);
    let mut sizes = Vec::new();
    let mut scale = largest;
    while scale >= smallest && sizes.len() < 24 {
        push_size(&mut sizes, (kept_w, kept_h), scale, smallest, pixel_cap);
        scale *= SIZE_STEP;
    }
    if smallest > 0.0 && scale < smallest {
        // The last size is the smallest the rules allow, tried before giving up.
        push_size(&mut sizes, (kept_w, kept_h), smallest, smallest, pixel_cap);
    }
    if sizes.is_empty() {
        return Fit::Cannot(vec![Violation::new(
            Code::TooManyPixels,
            format!("按本类的最少像素要求，图片会超过 {:.1} 百万像素的上限", pixel_cap as f64 / 1e6),
            format!(
                "At the category's minimum size the picture would exceed the {:.1} megapixel limit",
                pixel_cap as f64 / 1e6
            ),
        )]);
    }
    let dpi = rules.min_dpi.map(|_| {
        let (out_w, out_h) = sizes[0];
        (f64::from(out_w.min(out_h)) / A4_SHORT_SIDE_INCHES).floor() as u32
    });
    Fit::Plan(FitPlan { upright: facts.orientation != 1, crop, sizes, min_bytes, max_bytes, dpi })
}

/// Adds the size at `scale` (not below `smallest`), rounded up so a minimum is met, or down where
/// rounding up would pass the pixel cap.
fn push_size(sizes: &mut Vec<(u32, u32)>, (w, h): (u32, u32), scale: f64, smallest: f64, pixel_cap: u64) {
    let scale = scale.max(smallest);
    let (sw, sh) = (f64::from(w) * scale, f64::from(h) * scale);
    let mut size = (sw.ceil() as u32, sh.ceil() as u32);
    if u64::from(size.0) * u64::from(size.1) > pixel_cap {
        size = (sw.floor() as u32, sh.floor() as u32);
    }
    if sizes.last() != Some(&size) {
        sizes.push(size);
    }
}

impl CropBox {
    /// Moved by (dx, dy) pixels, kept inside a picture of `width` × `height`.
    pub fn moved(self, dx: i64, dy: i64, (width, height): (u32, u32)) -> CropBox {
        let clamp = |start: u32, delta: i64, size: u32, room: u32| {
            (i64::from(start) + delta).clamp(0, i64::from(room.saturating_sub(size))) as u32
        };
        CropBox { x: clamp(self.x, dx, self.width, width), y: clamp(self.y, dy, self.height, height), ..self }
    }

    /// Grown (factor above 1) or shrunk around its centre, keeping its aspect, never smaller than
    /// `min_width` nor larger than the picture, and kept inside it.
    pub fn scaled(self, factor: f64, (width, height): (u32, u32), min_width: u32) -> CropBox {
        let aspect = f64::from(self.width) / f64::from(self.height);
        let largest = f64::from(width).min(f64::from(height) * aspect);
        let new_width = (f64::from(self.width) * factor).clamp(f64::from(min_width.max(1)).min(largest), largest);
        let new_height = (new_width / aspect).round().min(f64::from(height));
        let (new_width, new_height) = (new_width.round() as u32, new_height as u32);
        let centre = (i64::from(self.x) + i64::from(self.width / 2), i64::from(self.y) + i64::from(self.height / 2));
        let grown = CropBox { x: 0, y: 0, width: new_width, height: new_height };
        grown.moved(centre.0 - i64::from(new_width / 2), centre.1 - i64::from(new_height / 2), (width, height))
    }
}

/// The largest box of the wanted aspect (width / height), centred in the picture.
pub fn centred_crop(width: u32, height: u32, wanted: f64) -> CropBox {
    let (w, h) = (f64::from(width), f64::from(height));
    if w / h > wanted {
        let crop_w = (h * wanted).round().min(w) as u32;
        CropBox { x: (width - crop_w) / 2, y: 0, width: crop_w, height }
    } else {
        let crop_h = (w / wanted).round().min(h) as u32;
        CropBox { x: 0, y: (height - crop_h) / 2, width, height: crop_h }
    }
}

fn too_few_pixels(side_zh: &str, side_en: &str, actual: u32, min: u32) -> Violation {
    let code = if side_en == "wide" { Code::WidthTooSmall } else { Code::HeightTooSmall };
    Violation::new(
        code,
        format!("图片{side_zh} {actual} 像素，至少需要 {min}；放大不会增加细节，请重新拍摄"),
        format!("The picture is {actual} pixels {side_en}; at least {min} are needed. Enlarging adds no detail: take it again"),
    )
}

/// What the page says after a fix: "已自动调整：3.7 MB → 268 KB，4000×3000 → 1654×2205，已按拍摄方向转正".
pub fn describe_fit(before: &FileFacts, after: (u32, u32), after_bytes: u64, plan: &FitPlan) -> (String, String) {
    let (from, to) = (format_bytes(before.byte_len, Rounding::Up), format_bytes(after_bytes, Rounding::Up));
    // The picture as stored, before turning: what "turned upright" then explains.
    let (bw, bh) = (before.stored_width, before.stored_height);
    let mut zh = format!("已自动调整：{from} → {to}，{bw}×{bh} → {}×{}", after.0, after.1);
    let mut en = format!("Adjusted for you: {from} → {to}, {bw}×{bh} → {}×{}", after.0, after.1);
    if before.format != FileFormat::Jpeg {
        zh.push_str("，已转为 JPEG");
        en.push_str(", converted to JPEG");
    }
    if plan.upright {
        zh.push_str("，已按拍摄方向转正");
        en.push_str(", turned upright as it was taken");
    }
    if plan.crop.is_some() {
        zh.push_str("，已按要求的比例裁切");
        en.push_str(", cropped to the required aspect");
    }
    if let Some(dpi) = plan.dpi {
        zh.push_str(&format!("，按 A4 记为 {dpi} DPI"));
        en.push_str(&format!(", recorded as {dpi} DPI on A4"));
    }
    if plan.max_bytes < u64::MAX {
        let limit = format_limit(plan.max_bytes);
        zh.push_str(&format!("（上限 {limit}）"));
        en.push_str(&format!(" (limit {limit})"));
    }
    (zh, en)
}

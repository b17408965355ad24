//! Advice on how a picture looks, given before it is sent (issue 12): blurred, too dark, washed
//! out, an ID photo's background that is not a colour the exam allows (`photo_background`), a page
//! with nearly nothing on it.
//! Advice only: the candidate may upload anyway, since a dark scan of a dark certificate can be
//! right. Pure, on RGBA pixels the browser drew at most `ANALYSIS_SIDE` on the long side, so the
//! thresholds mean the same for a 12 MP photo and a 1 MP scan. The thresholds were chosen on the
//! photographs listed in `docs/photo-quality.md` (`./scripts/bench-picture-quality.sh` prints them).

use serde::{Deserialize, Serialize};

use super::face_frame::FaceFrame;
use super::photo_background::{BackgroundColour, PhotoBackgrounds};
use super::picture_pixels::{background, ink_share, luma_of, percentile, sharpness, Background};
use super::violation::{Violation, ViolationCode as Code};

/// The long side pictures are measured at (the browser scales down to it, never up).
pub const ANALYSIS_SIDE: u32 = 1024;
/// Blurred: in the sharpest tenth of the picture the Laplacian's variance is under this.
pub const BLUR_THRESHOLD: f64 = 100.0;
/// Too dark: the median brightness (0–255) is under this.
pub const DARK_MEDIAN: u8 = 60;
/// Washed out: light overall and the darkest hundredth is still this close to the median.
pub const WASHED_OUT_RANGE: u8 = 70;
pub const WASHED_OUT_MEDIAN: u8 = 150;
/// A page with nearly nothing on it: under this share of pixels is ink (clearly darker than the
/// paper).
pub const BLANK_INK_SHARE: f64 = 0.002;
/// What a category's pictures show: a document (scan or photo of paper) or a person (ID photo).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PictureKind {
    #[default]
    Document,
    Portrait,
}

/// What the advice looks for in a category's pictures: their kind, and the backgrounds an ID photo
/// may stand on (`CategoryDefinition::look`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PictureLook {
    pub kind: PictureKind,
    pub backgrounds: PhotoBackgrounds,
    /// Where an ID photo's head must sit (`face_geometry` checks it where a face is found).
    pub face: FaceFrame,
}

impl From<PictureKind> for PictureLook {
    fn from(kind: PictureKind) -> Self {
        PictureLook { kind, backgrounds: PhotoBackgrounds::default(), face: FaceFrame::default() }
    }
}

/// The numbers the advice is decided on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QualityMeasures {
    /// The Laplacian's variance in the sharpest tenth of the picture's tiles.
    pub sharpness: f64,
    pub median: u8,
    /// The darkest hundredth's brightness.
    pub darkest: u8,
    /// The share of pixels that are ink on the paper.
    pub ink_share: f64,
    pub background: Background,
}

/// Measures RGBA pixels (`width` × `height`, four bytes each).
pub fn measure(rgba: &[u8], width: u32, height: u32) -> Option<QualityMeasures> {
    let (w, h) = (width as usize, height as usize);
    if w < 3 || h < 3 || rgba.len() < w * h * 4 {
        return None;
    }
    let luma: Vec<u8> = rgba.chunks_exact(4).take(w * h).map(|p| luma_of(p[0], p[1], p[2])).collect();
    let mut histogram = [0u64; 256];
    for &l in &luma {
        histogram[usize::from(l)] += 1;
    }
    let median = percentile(&histogram, 0.5);
    let darkest = percentile(&histogram, 0.01);
    // Sharpness as if a dark picture were lit normally: a dark photo is said to be dark, not
    // blurred as well. (Not stretched to the full range: blurring itself narrows the range.)
    let darkness = 128.0 / f64::from(median.clamp(16, 128));
    Some(QualityMeasures {
        sharpness: sharpness(&luma, w, h) * darkness * darkness,
        median,
        darkest,
        ink_share: ink_share(&luma, w, h),
        background: background(rgba, w, h),
    })
}

/// The advice for a picture of this kind with these measures (empty when it looks fine).
pub fn quality_advice(m: &QualityMeasures, look: impl Into<PictureLook>) -> Vec<Violation> {
    let PictureLook { kind, backgrounds, .. } = look.into();
    let mut advice = Vec::new();
    let blank = kind == PictureKind::Document && m.ink_share < BLANK_INK_SHARE;
    if blank {
        advice.push(Violation::new(
            Code::PageNearlyBlank,
            format!(
                "图片上几乎没有内容（深色笔迹约占 {:.2}%）；请确认拍到的是材料的正确一面",
                m.ink_share * 100.0
            ),
            format!(
                "There is almost nothing on the picture (about {:.2}% of it is dark marks); check it shows the right side of the document",
                m.ink_share * 100.0
            ),
        ));
    }
    if !blank && m.sharpness < BLUR_THRESHOLD {
        advice.push(Violation::new(
            Code::PictureBlurred,
            format!(
                "图片可能模糊（清晰度 {:.0}，建议不低于 {BLUR_THRESHOLD:.0}）；请对焦后重新拍摄，手机放稳",
                m.sharpness
            ),
            format!(
                "The picture may be blurred (sharpness {:.0}, at least {BLUR_THRESHOLD:.0} advised); focus and hold the phone still, then take it again",
                m.sharpness
            ),
        ));
    }
    if m.median < DARK_MEDIAN {
        advice.push(Violation::new(
            Code::PictureTooDark,
            format!("图片偏暗（亮度 {}，建议不低于 {DARK_MEDIAN}，满分 255）；请在光线充足处重新拍摄", m.median),
            format!(
                "The picture is dark (brightness {} of 255, at least {DARK_MEDIAN} advised); take it again in good light",
                m.median
            ),
        ));
    }
    let range = m.median.saturating_sub(m.darkest);
    if !blank && m.median >= WASHED_OUT_MEDIAN && range < WASHED_OUT_RANGE {
        advice.push(Violation::new(
            Code::PictureWashedOut,
            format!(
                "图片发白、对比度低（最深处与整体亮度只差 {range}，建议至少 {WASHED_OUT_RANGE}）；请避开强光或反光重新拍摄"
            ),
            format!(
                "The picture is washed out (its darkest parts are only {range} below its overall brightness, at least {WASHED_OUT_RANGE} advised); avoid glare and take it again"
            ),
        ));
    }
    if kind == PictureKind::Portrait {
        if let Some((zh, en)) = background_problem(&m.background, backgrounds) {
            advice.push(Violation::new(Code::BackgroundNotPlain, zh, en));
        }
    }
    advice
}

/// Why an ID photo's background is not a plain colour the exam allows, if it is not.
fn background_problem(b: &Background, allowed: PhotoBackgrounds) -> Option<(String, String)> {
    let [r, g, bl] = b.rgb.map(i32::from);
    let white = r.min(g).min(bl) >= 190 && r.max(g).max(bl) - r.min(g).min(bl) <= 35;
    let blue = bl >= r + 40 && bl >= g + 15 && bl >= 120;
    let colour = format!("#{:02x}{:02x}{:02x}", b.rgb[0], b.rgb[1], b.rgb[2]);
    let allowed_here =
        (white && allowed.allows(BackgroundColour::White)) || (blue && allowed.allows(BackgroundColour::Blue));
    if !allowed_here {
        let ((asked_zh, asked_en), (before_zh, before_en)) = (allowed.words(), allowed.retake_before());
        let seen = if white {
            ("白色", "white")
        } else if blue {
            ("蓝色", "blue")
        } else {
            ("", "")
        };
        let (seen_zh, seen_en) = if seen.0.is_empty() {
            (colour.clone(), colour)
        } else {
            (format!("{}（{colour}）", seen.0), format!("{} ({colour})", seen.1))
        };
        return Some((
            format!("本考试的证件照背景应为{asked_zh}，这张照片的背景是 {seen_zh}；请在{before_zh}前重新拍摄"),
            format!("This exam's ID photo background should be {asked_en}; this one is {seen_en}. Take it again in front of {before_en}"),
        ));
    }
    if b.unevenness > 25.0 {
        return Some((
            format!("证件照背景不均匀（亮度起伏 {:.0}，建议不超过 25）；请在单色背景前重新拍摄，避免阴影", b.unevenness),
            format!(
                "The ID photo's background is uneven (brightness varies by {:.0}, at most 25 advised); take it again in front of a plain background without shadows",
                b.unevenness
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture drawn by `colour(x, y)`.
    fn picture(w: u32, h: u32, colour: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| {
                let [r, g, b] = colour(x, y);
                [r, g, b, 255]
            })
            .collect()
    }

    fn codes(rgba: &[u8], w: u32, h: u32, kind: PictureKind) -> Vec<Code> {
        quality_advice(&measure(rgba, w, h).unwrap(), kind).iter().map(|v| v.code).collect()
    }

    /// Black text-like strokes on white paper: sharp edges.
    fn page(x: u32, y: u32) -> [u8; 3] {
        let ink = (y % 24 < 3 && x % 40 < 30) || (x % 40 == 5 && y % 24 < 12);
        if ink {
            [20, 20, 20]
        } else {
            [240, 238, 235]
        }
    }

    /// Out of focus the way a lens is, close to a Gaussian: three box blurs of radius `r`.
    fn out_of_focus(rgba: &[u8], w: u32, h: u32, r: i64) -> Vec<u8> {
        let once = box_blurred(rgba, w, h, r);
        let twice = box_blurred(&once, w, h, r);
        box_blurred(&twice, w, h, r)
    }

    /// A box blur of radius `r`, applied to a luma-only picture (the same value in every channel).
    fn box_blurred(rgba: &[u8], w: u32, h: u32, r: i64) -> Vec<u8> {
        let (w, h) = (i64::from(w), i64::from(h));
        let at = |x: i64, y: i64| f64::from(rgba[((y.clamp(0, h - 1) * w + x.clamp(0, w - 1)) * 4) as usize]);
        let mut out = Vec::with_capacity(rgba.len());
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0.0;
                for dy in -r..=r {
                    for dx in -r..=r {
                        sum += at(x + dx, y + dy);
                    }
                }
                let v = (sum / ((2 * r + 1) * (2 * r + 1)) as f64).round() as u8;
                out.extend([v, v, v, 255]);
            }
        }
        out
    }

    #[test]
    fn a_sharp_page_of_text_gets_no_advice() {
        assert_eq!(codes(&picture(400, 300, page), 400, 300, PictureKind::Document), vec![]);
    }

    #[test]
    fn the_same_page_blurred_is_said_to_be_blurred_with_its_number() {
        let sharp = picture(400, 300, page);
        let soft = out_of_focus(&sharp, 400, 300, 3);
        let advice = quality_advice(&measure(&soft, 400, 300).unwrap(), PictureKind::Document);
        // Blurred that much, the print is also faint (washed out); the blur is named first.
        assert_eq!(advice[0].code, Code::PictureBlurred, "{advice:?}");
        assert!(advice[0].message_zh.contains("建议不低于 100"), "{}", advice[0].message_zh);
    }

    #[test]
    fn a_dark_picture_and_a_washed_out_one_are_named() {
        let dark = picture(400, 300, |x, y| page(x, y).map(|c| c / 6));
        assert!(codes(&dark, 400, 300, PictureKind::Document).contains(&Code::PictureTooDark));
        let washed = picture(400, 300, |x, y| page(x, y).map(|c| 190 + c / 5));
        assert!(codes(&washed, 400, 300, PictureKind::Document).contains(&Code::PictureWashedOut));
    }

    #[test]
    fn a_blank_page_is_said_to_be_blank_not_blurred() {
        let blank = picture(400, 300, |x, y| [235 + ((x * 7 + y * 13) % 5) as u8; 3]);
        assert_eq!(codes(&blank, 400, 300, PictureKind::Document), vec![Code::PageNearlyBlank]);
    }

    /// A head and shoulders in front of `background`.
    fn portrait(background: [u8; 3]) -> impl Fn(u32, u32) -> [u8; 3] {
        move |x, y| {
            let (dx, dy) = (f64::from(x) - 150.0, f64::from(y) - 150.0);
            let head = dx * dx / 70.0f64.powi(2) + dy * dy / 90.0f64.powi(2) < 1.0;
            let shoulders = y > 260 && (f64::from(x) - 150.0).abs() < 140.0;
            if head {
                // Skin with sharp features (eyes, mouth).
                if (y == 130 || y == 131) && dx.abs() > 15.0 && dx.abs() < 35.0 || (y == 200 && dx.abs() < 25.0) {
                    [40, 30, 30]
                } else {
                    [220, 180, 150]
                }
            } else if shoulders {
                if x % 9 == 0 {
                    [10, 10, 40]
                } else {
                    [30, 30, 80]
                }
            } else {
                background
            }
        }
    }

    #[test]
    fn an_id_photo_on_white_or_blue_passes_and_on_grey_or_uneven_does_not() {
        assert_eq!(codes(&picture(300, 400, portrait([250, 250, 250])), 300, 400, PictureKind::Portrait), vec![]);
        assert_eq!(codes(&picture(300, 400, portrait([67, 142, 219])), 300, 400, PictureKind::Portrait), vec![]);
        let grey = quality_advice(
            &measure(&picture(300, 400, portrait([128, 120, 110])), 300, 400).unwrap(),
            PictureKind::Portrait,
        );
        assert_eq!(grey.iter().map(|v| v.code).collect::<Vec<_>>(), vec![Code::BackgroundNotPlain]);
        assert!(grey[0].message_zh.contains("#80786e"), "{}", grey[0].message_zh);
        let uneven =
            picture(
                300,
                400,
                |x, y| if x < 150 { portrait([250, 250, 250])(x, y) } else { portrait([200, 205, 200])(x, y) },
            );
        let with_shadow =
            picture(300, 400, |x, y| if x < 20 { [120, 120, 120] } else { portrait([250, 250, 250])(x, y) });
        assert_eq!(codes(&uneven, 300, 400, PictureKind::Portrait), vec![]);
        assert_eq!(codes(&with_shadow, 300, 400, PictureKind::Portrait), vec![Code::BackgroundNotPlain]);
        // A document is never asked about its background.
        assert!(!codes(&picture(300, 400, portrait([128, 120, 110])), 300, 400, PictureKind::Document)
            .contains(&Code::BackgroundNotPlain));
    }

    #[test]
    fn an_exam_that_asks_for_white_refuses_blue_and_names_what_it_asks_for() {
        let white_only = PictureLook {
            kind: PictureKind::Portrait,
            backgrounds: serde_json::from_str(r#"["white"]"#).unwrap(),
            face: FaceFrame::default(),
        };
        let on_white = measure(&picture(300, 400, portrait([250, 250, 250])), 300, 400).unwrap();
        assert!(quality_advice(&on_white, white_only).is_empty());
        let on_blue =
            quality_advice(&measure(&picture(300, 400, portrait([67, 142, 219])), 300, 400).unwrap(), white_only);
        assert_eq!(on_blue.iter().map(|v| v.code).collect::<Vec<_>>(), vec![Code::BackgroundNotPlain]);
        assert!(on_blue[0].message_zh.contains("应为纯白，这张照片的背景是 蓝色"), "{}", on_blue[0].message_zh);
        assert!(on_blue[0].message_en.contains("should be plain white; this one is blue"), "{}", on_blue[0].message_en);
    }

    #[test]
    fn too_few_pixels_to_measure_is_no_measure() {
        assert_eq!(measure(&[0; 8], 2, 1), None);
        assert_eq!(measure(&[0; 36], 3, 4), None);
    }
}

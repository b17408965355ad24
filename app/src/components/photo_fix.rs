//! The photo tool inside an upload form: a picture refused only for what the browser can fix —
//! too many or too few bytes, PNG where JPEG is wanted, too many pixels, the wrong aspect for a
//! photo, a DPI its pixels can back — is offered 自动调整. The plan is the shared domain's
//! (`photo_fit`), the pixels the browser's canvas (`client::fit_photo`); the result is shown
//! before and after, judged again by the same rules, and sent only when the candidate presses
//! 上传. A photo cropped to an aspect shows its crop box first (`crop_box`), for the candidate to
//! move and resize. What cannot be fixed is said plainly, with its numbers. An ID photo's crop
//! starts around its face; an ID photo that meets every rule but has its head out of place (too
//! small, off centre, the eyes too high or low) is offered 自动调整 too, once the face is found.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::{fit_photo, preview_url};
use crate::components::crop_box::CropStage;
use crate::components::violation_list::ViolationList;
use crate::domain::face_frame::FaceFrame;
use crate::domain::jfif_density::with_jfif_density;
use crate::domain::photo_fit::{describe_fit, plan_fit, plan_with_crop, CropBox, Fit};
use crate::domain::picture_quality::PictureKind;
use crate::domain::{judge_for_category, CategoryDefinition, FileFacts, FileVerdict, ViolationCode};
use crate::i18n::{tr, use_lang};

/// A picture the tool fitted, judged again, with what it did.
#[derive(Clone)]
pub struct FittedPicture {
    pub bytes: Arc<Vec<u8>>,
    pub verdict: FileVerdict,
    pub report: FitReport,
}

/// What the tool did (Chinese, English) and the two previews, shown until the file is sent.
#[derive(Clone)]
pub struct FitReport {
    pub note: (String, String),
    pub before_url: Option<String>,
    pub after_url: Option<String>,
}

/// Whether every rule the picture breaks is one the tool may fix (a damaged or foreign file, or
/// a full category, is not offered the tool).
pub fn only_fixable(verdict: &FileVerdict) -> bool {
    use ViolationCode as Code;
    verdict.facts.is_some()
        && verdict.violations.iter().all(|v| {
            matches!(
                v.code,
                Code::FileTooLarge
                    | Code::FileTooSmall
                    | Code::FormatNotAllowed
                    | Code::TooManyPixels
                    | Code::AspectMismatch
                    | Code::DpiMissing
                    | Code::DpiTooLow
                    | Code::WidthTooSmall
                    | Code::HeightTooSmall
            )
        })
}

/// The crop around the one face found (`AroundTheFace`), in the pixels of the upright `picture`;
/// None without the detector's model, or without exactly one face.
#[cfg(feature = "hydrate")]
async fn crop_around_the_face(
    bytes: &[u8],
    picture: (u32, u32),
    aspect: f64,
    frame: &FaceFrame,
) -> Option<AroundTheFace> {
    use crate::domain::face_finder::FACE_SIDE;
    use crate::domain::face_geometry::{crop_around_head, place_advice, FaceBox, HeadPlace};
    let finder = crate::client::face_finder().await?;
    let (rgba, width, height) = crate::client::picture_pixels(bytes, FACE_SIDE).await.ok()?;
    let [face] = finder.find(&rgba, width, height)[..] else { return None };
    let misplaced = !place_advice(&HeadPlace::of(&face, f64::from(width), f64::from(height)), frame).is_empty();
    let scale = f64::from(picture.0) / f64::from(width.max(1));
    let upright =
        FaceBox { x: face.x * scale, y: face.y * scale, width: face.width * scale, height: face.height * scale };
    Some(AroundTheFace { crop: crop_around_head(&upright, picture.0, picture.1, aspect, frame)?, misplaced })
}

#[cfg(not(feature = "hydrate"))]
async fn crop_around_the_face(
    _bytes: &[u8],
    _picture: (u32, u32),
    _aspect: f64,
    _frame: &FaceFrame,
) -> Option<AroundTheFace> {
    None
}

/// The crop that puts an ID photo's head where the exam's frame wants it, and whether the head is
/// elsewhere now (the tool is then offered for a photo that meets every other rule).
struct AroundTheFace {
    crop: CropBox,
    misplaced: bool,
}

#[component]
pub fn PhotoFix(
    bytes: Arc<Vec<u8>>,
    facts: FileFacts,
    category: CategoryDefinition,
    already_uploaded: u32,
    on_fitted: Callback<FittedPicture>,
) -> impl IntoView {
    let portrait = category.picture == PictureKind::Portrait;
    let whole = CropBox { x: 0, y: 0, width: facts.width(), height: facts.height() };
    // An ID photo that meets every rule may still have its head out of place: the tool is then
    // offered to crop around the face, once the face is found and said to be out of place.
    let fit = plan_fit(&facts, &category.rules);
    let meets_the_rules = matches!(fit, Fit::AlreadyFits);
    let fit = match fit {
        Fit::AlreadyFits if portrait => plan_with_crop(&facts, &category.rules, Some(whole)),
        fit => fit,
    };
    let first_plan = match fit {
        Fit::AlreadyFits => return ().into_any(),
        Fit::Cannot(_) if meets_the_rules => return ().into_any(),
        Fit::Cannot(reasons) => {
            return view! {
                <div class="photo-fix cannot">
                    <span>{tr("无法自动调整：", "This cannot be fixed automatically:")}</span>
                    <ViolationList violations=reasons/>
                </div>
            }
            .into_any();
        }
        Fit::Plan(plan) => plan,
    };
    let lang = use_lang();
    let working = RwSignal::new(false);
    let problem = RwSignal::new(None::<(String, String)>);
    // The part kept, when the category wants an aspect: preset around the centre, then the
    // candidate's to move and resize. An ID photo's is preset around the face once it is found,
    // at the exam's aspect (or the photo's own), so the head lands where the exam's frame wants it.
    let crop = first_plan.crop.or(portrait.then_some(whole)).map(RwSignal::new);
    let offered = RwSignal::new(!meets_the_rules);
    if let (Some(crop), true) = (crop, portrait) {
        let aspect = category
            .rules
            .aspect
            .map(|aspect| aspect.value())
            .unwrap_or(f64::from(facts.width()) / f64::from(facts.height().max(1)));
        let (bytes, picture, frame) = (bytes.clone(), (facts.width(), facts.height()), category.face);
        leptos::task::spawn_local(async move {
            if let Some(around) = crop_around_the_face(&bytes, picture, aspect, &frame).await {
                let _ = crop.try_set(around.crop);
                if meets_the_rules {
                    let _ = offered.try_set(around.misplaced);
                }
            }
        });
    }
    let crop_stage = crop.zip(preview_url(&bytes)).map(|(crop, url)| {
        let min_width = category.rules.min_width.unwrap_or(1);
        view! { <CropStage file_url=url picture=(facts.width(), facts.height()) crop min_width/> }
    });
    let on_fix = move |_| {
        let (bytes, facts, category) = (bytes.clone(), facts.clone(), category.clone());
        let plan = match crop.map(|c| plan_with_crop(&facts, &category.rules, Some(c.get_untracked()))) {
            None => first_plan.clone(),
            Some(Fit::Plan(plan)) => plan,
            Some(_) => {
                problem.set(Some((
                    "裁切框太小，达不到本类的像素要求；请放大裁切框".to_string(),
                    "The crop box is too small for this category's pixel rule; make it larger".to_string(),
                )));
                return;
            }
        };
        working.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let outcome = fit_photo(&bytes, &plan).await;
            working.set(false);
            match outcome {
                Ok(Some(fitted)) => {
                    // The DPI is what the pixels give on A4 (the plan computed it), never more.
                    let fitted_bytes = plan
                        .dpi
                        .and_then(|dpi| with_jfif_density(&fitted.bytes, u16::try_from(dpi).unwrap_or(u16::MAX)))
                        .unwrap_or(fitted.bytes);
                    let note = describe_fit(&facts, (fitted.width, fitted.height), fitted_bytes.len() as u64, &plan);
                    let verdict = judge_for_category(&fitted_bytes, &category, already_uploaded);
                    let report =
                        FitReport { note, before_url: preview_url(&bytes), after_url: preview_url(&fitted_bytes) };
                    on_fitted.run(FittedPicture { bytes: Arc::new(fitted_bytes), verdict, report });
                }
                Ok(None) => problem.set(Some((
                    "调整后仍无法满足本类的大小要求，请换一张照片或重新拍摄".to_string(),
                    "Even adjusted, the picture cannot meet this category's size rules; choose or take another".to_string(),
                ))),
                Err(reason) => problem.set(Some((
                    format!("浏览器无法处理这张图片（{reason}）；请在手机相机设置中选择“兼容性最佳”（JPEG）后重新拍摄"),
                    format!("The browser cannot process this picture ({reason}); set the phone camera to “Most Compatible” (JPEG) and take it again"),
                ))),
            }
        });
    };
    view! {
        <div class="photo-fix" hidden=move || !offered.get()>
            {crop_stage}
            <button type="button" class="button" on:click=on_fix disabled=move || working.get()>
                {move || if working.get() { tr("正在调整…", "Adjusting…")() } else { tr("自动调整", "Fix it for me")() }}
            </button>
            {move || problem.get().map(|(zh, en)| view! { <p role="alert" class="violations">{lang.get().pick(zh, en)}</p> })}
        </div>
    }
    .into_any()
}

/// What the tool did, in words, with the picture before and after (`after_caption`: what happens
/// to the result on this page).
#[component]
pub fn FitReportView(report: FitReport, after_caption: (&'static str, &'static str)) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = report.note;
    view! {
        <p class="fit-note">{move || lang.get().pick(zh.clone(), en.clone())}</p>
        <div class="fit-previews">
            {report.before_url.map(|url| view! { <figure><img src=url alt=""/><figcaption>{tr("调整前", "Before")}</figcaption></figure> })}
            {report.after_url.map(|url| view! { <figure><img src=url alt=""/><figcaption>{tr(after_caption.0, after_caption.1)}</figcaption></figure> })}
        </div>
    }
}

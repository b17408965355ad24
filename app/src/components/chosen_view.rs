//! What the upload form shows of a choice before it is sent (drawn by the judging chunk,
//! `judging_on_demand::chosen_view`): one file with its verdict, advice and
//! photo tool, or several chosen at once as a numbered list, each with its own verdict and the
//! place it will take.

use leptos::prelude::*;

use crate::components::judged_file::Judged;
use crate::components::photo_fix::{only_fixable, FitReportView, FittedPicture};
use crate::components::photo_tools_on_demand::{LooksAdviceOnDemand, PhotoFixOnDemand, QrAdviceOnDemand};
use crate::components::violation_list::ViolationList;
use crate::domain::byte_size::{format_bytes, Rounding};
use crate::domain::chosen_together::numbers_in_name;
use crate::domain::picture_quality::{PictureKind, PictureLook};
use crate::domain::CategoryDefinition;
use crate::i18n::{tr, use_lang};

/// What every view of a choice needs from its form.
#[derive(Clone)]
pub struct ChoiceContext {
    pub category: CategoryDefinition,
    pub already_uploaded: u32,
    pub replacing: bool,
    pub on_upload: Callback<()>,
}

/// "name · 412.5 KB · 1654×2339 "
fn file_line(file: &Judged) -> String {
    let size = format_bytes(file.bytes.len() as u64, Rounding::Up);
    let dims = file.verdict.facts.as_ref().map(|f| format!(" · {}×{}", f.width(), f.height())).unwrap_or_default();
    format!("{} · {size}{dims} ", file.name)
}

fn cut_note(file: &Judged) -> Option<impl IntoView> {
    file.cut_note.clone().map(|(zh, en)| {
        let lang = use_lang();
        view! { <p class="cut-note">{move || lang.get().pick(zh.clone(), en.clone())}</p> }
    })
}

/// Advice a passing file does not follow, the looks check and the QR code check.
fn advice(file: &Judged, category: &CategoryDefinition) -> impl IntoView {
    let warnings = file.verdict.warnings.clone();
    let look: PictureLook = category.look();
    let wants_qr = category.qr == crate::domain::qr_code::QrRequirement::Required;
    view! {
        {(!warnings.is_empty()).then(|| view! {
            <div class="warnings">
                <span>{tr("提示（仍可上传）：", "Advice (you may still upload):")}</span>
                <ViolationList violations=warnings/>
            </div>
        })}
        <LooksAdviceOnDemand bytes=file.bytes.clone() look/>
        {wants_qr.then(|| view! { <QrAdviceOnDemand bytes=file.bytes.clone()/> })}
    }
}

/// What the form shows of a judged choice: [`chosen_one`] for one file, [`chosen_several`] for
/// more; `on_fitted` is for one file's photo tool.
pub fn chosen(
    files: Vec<Judged>,
    context: ChoiceContext,
    places: Signal<Vec<u32>>,
    on_fitted: Callback<FittedPicture>,
) -> AnyView {
    match <[Judged; 1]>::try_from(files) {
        Ok([file]) => chosen_one(file, context, on_fitted),
        Err(files) => chosen_several(files, places, context),
    }
}

/// One chosen file: what it is, whether it meets the rules, and the photo tool for a photo that
/// only misses on size.
fn chosen_one(file: Judged, context: ChoiceContext, on_fitted: Callback<FittedPicture>) -> AnyView {
    let ChoiceContext { category, already_uploaded, replacing, on_upload } = context;
    if file.verdict.accepted() {
        let fitted = file.fitted.clone().map(|report| {
            view! {
                <div class="fitted">
                    <FitReportView report after_caption=("调整后（将上传）", "After (to be uploaded)")/>
                </div>
            }
        });
        // An ID photo whose head is out of place is offered the tool (it shows once the face is found).
        let crop_around_face = (file.fitted.is_none() && category.picture == PictureKind::Portrait)
            .then(|| file.verdict.facts.clone())
            .flatten()
            .map(|facts| {
                let category = category.clone();
                view! { <PhotoFixOnDemand bytes=file.bytes.clone() facts category already_uploaded on_fitted/> }
            });
        view! {
            <div class="chosen ok">
                <span>{file_line(&file)}{tr("符合要求", "meets the rules")}</span>
                {cut_note(&file)}
                {fitted}
                {advice(&file, &category)}
                {crop_around_face}
                <button type="button" class="button" on:click=move |_| on_upload.run(())>
                    {if replacing { tr("更换", "Replace") } else { tr("上传", "Upload") }}
                </button>
            </div>
        }
        .into_any()
    } else {
        // An ID photo the tool will fix is looked at first: where its face is decides the crop,
        // and the candidate sees why the head moves.
        let look = category.look();
        let fixable = file.fitted.is_none() && only_fixable(&file.verdict);
        let looks_first = (fixable && look.kind == PictureKind::Portrait)
            .then(|| view! { <LooksAdviceOnDemand bytes=file.bytes.clone() look/> });
        let fix = file.verdict.facts.clone().filter(|_| fixable).map(|facts| {
            view! { <PhotoFixOnDemand bytes=file.bytes.clone() facts category already_uploaded on_fitted/> }
        });
        view! {
            <div class="chosen refused">
                <span>{file_line(&file)}{tr("不符合要求，未上传：", "does not meet the rules and was not uploaded:")}</span>
                {cut_note(&file)}
                <ViolationList violations=file.verdict.violations.clone()/>
                {looks_first}
                {fix}
            </div>
        }
        .into_any()
    }
}

/// Several files chosen at once, in the order they will be sent; `places` are the sequence
/// numbers the accepted ones take, in that order (they follow the number the form shows). Refused
/// files stay listed with their reasons and are not sent.
fn chosen_several(files: Vec<Judged>, places: Signal<Vec<u32>>, context: ChoiceContext) -> AnyView {
    let ChoiceContext { category, on_upload, .. } = context;
    let lang = use_lang();
    let accepted = files.iter().filter(|file| file.verdict.accepted()).count();
    let mut accepted_ahead = 0..;
    let rows = files
        .into_iter()
        .map(|file| {
            let unnumbered = numbers_in_name(&file.name).is_empty().then(|| view! {
                <p class="cut-note">{tr(
                    "文件名中没有序号，排在有序号的文件之后（按选择的顺序）。",
                    "The file name has no number; it goes after the numbered files, in the order chosen.",
                )}</p>
            });
            if file.verdict.accepted() {
                let k = accepted_ahead.next().unwrap_or_default();
                let place = move || places.with(|places| places.get(k).copied().unwrap_or_default());
                view! {
                    <li class="chosen ok" data-place=place>
                        <span>
                            {move || lang.get().pick(format!("顺序号 {} · ", place()), format!("Seq. no. {} · ", place()))}
                            {file_line(&file)}{tr("符合要求", "meets the rules")}
                        </span>
                        {unnumbered}
                        {cut_note(&file)}
                        {advice(&file, &category)}
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li class="chosen refused">
                        <span>{file_line(&file)}{tr("不符合要求，不会上传：", "does not meet the rules and will not be uploaded:")}</span>
                        {unnumbered}
                        {cut_note(&file)}
                        <ViolationList violations=file.verdict.violations.clone()/>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <ol class="chosen-several" aria-label=tr("本次选择的文件", "The files chosen")>{rows}</ol>
        {(accepted > 0).then(|| view! {
            <button type="button" class="button" on:click=move |_| on_upload.run(())>
                {move || lang.get().pick(format!("上传 {accepted} 张"), format!("Upload {accepted}"))}
            </button>
        })}
    }
    .into_any()
}

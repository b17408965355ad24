//! 证件照处理 / Photo tool, open without an account (it replaces seed 002's Windows download): pick
//! an exam's ID-photo rule, choose a photo, and the page judges it by that rule and, where only
//! fixable rules are broken, fits it (`components::photo_fix`) for the candidate to download, with
//! advice on how it looks (every rule here is an ID photo's). The photo never leaves the device.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::photo_rules;
use crate::api::server_resource::server_resource;
use crate::client::{preview_url, read_chosen_file};
use crate::components::error_note::ErrorNote;
use crate::components::judging_on_demand::{fetch_judging_when_live, judge_files};
use crate::components::photo_fix::{only_fixable, FitReportView, FittedPicture};
use crate::components::photo_tools_on_demand::{
    keep_face_model_for_offline, keep_photo_tools_for_offline, LooksAdviceOnDemand, PhotoFixOnDemand,
};
use crate::components::violation_list::ViolationList;
use crate::domain::picture_quality::{PictureKind, PictureLook};
use crate::domain::FileVerdict;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;
use crate::models::exam::PhotoRuleChoice;

/// The chosen photo (the picture alone) and its judgement under the chosen rule.
#[derive(Clone)]
struct Judged {
    bytes: Arc<Vec<u8>>,
    verdict: FileVerdict,
}

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn PhotoToolPage => content, chunk photo_tool_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let rules = server_resource(|| (), |_| photo_rules());
    view! {
        <h1>{tr("证件照处理", "Photo tool")}</h1>
        <p class="muted">{tr(
            "按所报考试的证件照要求检查并调整照片（转正、裁切、缩小、压缩），然后下载使用。照片只在本机处理，不会上传。",
            "Checks a photo against your exam's ID-photo rule and fixes it (upright, cropped, scaled, compressed) for you to download. The photo is processed on this device and never uploaded.",
        )}</p>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match rules.await {
                    Ok(choices) if choices.is_empty() => view! { <p>{tr("暂无考试设置证件照要求。", "No exam sets an ID-photo rule yet.")}</p> }.into_any(),
                    Ok(choices) => view! { <PhotoToolForm choices/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn PhotoToolForm(choices: Vec<PhotoRuleChoice>) -> impl IntoView {
    keep_photo_tools_for_offline();
    keep_face_model_for_offline();
    fetch_judging_when_live();
    let lang = use_lang();
    let choices = StoredValue::new(choices);
    let selected = RwSignal::new(0usize);
    let judged = RwSignal::new(None::<Judged>);
    let fitted = RwSignal::new(None::<FittedPicture>);
    let chosen = move || choices.with_value(|all| all.get(selected.get()).cloned());
    // An ID photo's advice, by the chosen rule's backgrounds and head frame (a photo rule of another
    // kind: white or blue, the published frame).
    let chosen_look = move || PictureLook {
        kind: PictureKind::Portrait,
        backgrounds: chosen().map(|choice| choice.category.backgrounds).unwrap_or_default(),
        face: chosen().map(|choice| choice.category.face).unwrap_or_default(),
    };
    // The photo tool on the chosen photo, by the chosen rule; what it makes is shown instead.
    let photo_fix = move |j: &Judged| {
        j.verdict.facts.clone().zip(chosen()).map(|(facts, choice)| {
            view! {
                <PhotoFixOnDemand
                    bytes=j.bytes.clone()
                    facts=facts
                    category=choice.category
                    already_uploaded=0
                    on_fitted=Callback::new(move |result: FittedPicture| fitted.set(Some(result)))
                />
            }
        })
    };
    let trouble = RwSignal::new(None::<AppError>);
    let on_choose = move |ev: leptos::ev::Event| {
        judged.set(None);
        fitted.set(None);
        trouble.set(None);
        let Some(choice) = chosen() else { return };
        leptos::task::spawn_local(async move {
            let Some(file) = read_chosen_file(&ev).await else { return };
            // Judged as the exam page judges (its own chunk, `judging_on_demand`).
            match judge_files(vec![file], &choice.category, 0).await {
                Ok(files) => {
                    if let Some(first) = files.into_iter().next() {
                        judged.set(Some(Judged { bytes: first.bytes, verdict: first.verdict }));
                    }
                }
                Err((zh, en)) => trouble.set(Some(AppError::invalid_field("photo", zh, en))),
            }
        });
    };
    view! {
        <div class="card form photo-tool">
            <label>
                {tr("考试与照片要求", "Exam and photo rule")}
                <select name="rule" on:change=move |ev| {
                    selected.set(event_target_value(&ev).parse().unwrap_or(0));
                    judged.set(None);
                    fitted.set(None);
                }>
                    {choices.with_value(|all| all.iter().enumerate().map(|(index, choice)| {
                        let (exam, category) = (choice.exam.clone(), choice.category.clone());
                        view! {
                            <option value=index.to_string()>{move || lang.get().pick(
                                format!("{} {} · {}", exam.code, exam.title_zh, category.name_zh),
                                format!("{} {} · {}", exam.code, exam.title_en, category.name_en),
                            )}</option>
                        }
                    }).collect_view())}
                </select>
            </label>
            <label class="file">
                {tr("选择照片", "Choose a photo")}
                <input type="file" name="photo" accept="image/*" on:change=on_choose/>
            </label>
            {move || trouble.get().map(|error| view! { <ErrorNote error/> })}
            {move || judged.get().map(|j| match fitted.get() {
                Some(result) => {
                    let download = preview_url(&result.bytes);
                    view! {
                        <div class="fitted">
                            <FitReportView report=result.report.clone() after_caption=("调整后", "After")/>
                            {if result.verdict.accepted() {
                                view! {
                                    <p class="ok">{tr("符合要求", "Meets the rule")}</p>
                                    <LooksAdviceOnDemand bytes=result.bytes.clone() look=chosen_look()/>
                                }.into_any()
                            } else {
                                view! { <ViolationList violations=result.verdict.violations.clone()/> }.into_any()
                            }}
                            {download.map(|url| view! { <a class="button" href=url download="photo.jpg">{tr("下载调整后的照片", "Download the adjusted photo")}</a> })}
                        </div>
                    }.into_any()
                }
                None if j.verdict.accepted() => view! {
                    <p class="ok" role="status">{tr("这张照片已符合要求，可以直接上传。", "This photo already meets the rule; upload it as it is.")}</p>
                    <LooksAdviceOnDemand bytes=j.bytes.clone() look=chosen_look()/>
                    // Offered where the head is out of place (it shows once the face is found).
                    {photo_fix(&j)}
                }.into_any(),
                None => {
                    view! {
                        <div class="chosen refused">
                            <span>{tr("不符合要求：", "Does not meet the rule:")}</span>
                            <ViolationList violations=j.verdict.violations.clone()/>
                            // Where its face is decides the crop: said before the photo is fixed.
                            {only_fixable(&j.verdict).then(|| view! { <LooksAdviceOnDemand bytes=j.bytes.clone() look=chosen_look()/> })}
                            {only_fixable(&j.verdict).then(|| photo_fix(&j))}
                        </div>
                    }.into_any()
                }
            })}
        </div>
    }
}

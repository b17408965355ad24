//! Choosing and sending one picture. The shared judgement runs in the browser the moment a file is
//! chosen: a refused file shows every broken rule at once and is never sent; advice that is not
//! followed shows as a warning and the upload stays allowed. On a phone the camera is offered.
//! An accepted file goes to the page's pending queue: kept on the device first, then sent (see `pending_queue`).
//! Until then the chosen file is the page's (`PageChoices`), not this form's: the form is drawn
//! again whenever the page's data comes back, and the choice must outlive it.

use leptos::html::Input;
use leptos::prelude::*;

use crate::client::read_chosen_file;
use crate::components::chosen_picture::{chosen_picture, jpeg_name};
use crate::components::error_note::ErrorNote;
use crate::components::judged_file::{Judged, PageChoices};
use crate::components::pending_queue::PendingQueue;
use crate::components::photo_fix::{only_fixable, FitReportView, FittedPicture};
use crate::components::photo_tools_on_demand::{
    keep_photo_tools_for_offline, keep_qr_reader_for_offline, LooksAdviceOnDemand, PhotoFixOnDemand, QrAdviceOnDemand,
};
use crate::components::violation_list::ViolationList;
use crate::domain::byte_size::{format_bytes, Rounding};
use crate::domain::record_ids::MaterialId;
use crate::domain::{judge_for_category, CategoryDefinition};
use crate::error::AppError;
use crate::i18n::tr;
use crate::offline::chosen_files::ChosenFiles;
use crate::offline::pending_action::PendingKind;

#[component]
pub fn UploadForm(
    category: CategoryDefinition,
    /// Sequence numbers already used in this category (slots filled or waiting in the pending queue).
    taken: Vec<u32>,
    next_seq_no: u32,
    /// Replace this picture (in its place, `next_seq_no`) instead of adding one.
    #[prop(optional, into)]
    replaces: Option<MaterialId>,
) -> impl IntoView {
    let queue = expect_context::<PendingQueue>();
    let category_code = category.code.clone();
    let rules = category.rules.clone();
    let picture_look = category.look();
    let wants_qr = category.qr == crate::domain::qr_code::QrRequirement::Required;
    keep_photo_tools_for_offline();
    if wants_qr {
        keep_qr_reader_for_offline();
    }
    // A replacement takes a picture's place, so it does not count against the maximum.
    let already_uploaded = taken.len() as u32 - u32::from(replaces.is_some() && !taken.is_empty());
    let free_slots: Vec<(u32, String, String)> = category
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| (i as u32 + 1, s.name_zh.clone(), s.name_en.clone()))
        .filter(|(n, _, _)| !taken.contains(n))
        .collect();
    let lang = crate::i18n::use_lang();
    let seq_no = RwSignal::new(next_seq_no.to_string());
    let failure = RwSignal::new(None::<AppError>);
    let file_input = NodeRef::<Input>::new();
    let input_id = match &replaces {
        Some(id) => format!("replace-{id}"),
        None => format!("file-{category_code}"),
    };
    let choices = use_context::<PageChoices>().unwrap_or_else(|| RwSignal::new(ChosenFiles::default()));
    // Each closure holds the slot's name itself: a judgement still running when this form is drawn
    // anew must reach the page's store without touching the form it started in.
    let slot = input_id.clone();
    let judged = {
        let slot = slot.clone();
        Memo::new(move |_| choices.with(|chosen| chosen.get(&slot)))
    };
    let label_for = input_id.clone();
    let full = replaces.is_none() && rules.max_count.is_some_and(|max| already_uploaded >= max);
    let replacing = replaces.is_some();

    // The photo tool's result takes the chosen file's place, named as the JPEG it now is.
    let fix_category = category.clone();
    let on_fitted = {
        let slot = slot.clone();
        move |name: String| {
            let slot = slot.clone();
            Callback::new(move |picture: FittedPicture| {
                let fitted = Judged {
                    name: jpeg_name(&name),
                    bytes: picture.bytes,
                    cut_note: None,
                    fitted: Some(picture.report),
                    verdict: picture.verdict,
                };
                choices.update(|chosen| chosen.replace(&slot, fitted));
            })
        }
    };

    let on_choose = {
        let (category, slot) = (category.clone(), slot.clone());
        move |ev: leptos::ev::Event| {
            failure.set(None);
            let Some(ticket) = choices.try_update(|chosen| chosen.begin(&slot)) else { return };
            let (category, slot) = (category.clone(), slot.clone());
            leptos::task::spawn_local(async move {
                if let Some(file) = read_chosen_file(&ev).await {
                    let picture = chosen_picture(&file.bytes).await;
                    let verdict = judge_for_category(&picture.bytes, &category, already_uploaded);
                    let judged = Judged {
                        name: if picture.converted { jpeg_name(&file.name) } else { file.name },
                        bytes: std::sync::Arc::new(picture.bytes),
                        cut_note: picture.note,
                        fitted: None,
                        verdict,
                    };
                    // The page's store outlives this form; when the page itself is gone, so is
                    // the choice.
                    choices.try_update(|chosen| chosen.judged(&slot, ticket, judged));
                }
            });
        }
    };

    let on_upload = {
        let (category_code, replaces) = (category_code.clone(), replaces.clone());
        move |_| {
            let Some(file) = judged.get_untracked().filter(|j| j.verdict.accepted()) else { return };
            let Ok(seq) = seq_no.get_untracked().trim().parse::<u32>() else {
                failure.set(Some(AppError::invalid_field(
                    "seq_no",
                    "顺序号应为正整数",
                    "The sequence number must be a whole number",
                )));
                return;
            };
            queue.enqueue(
                PendingKind::Upload {
                    category: category_code.clone(),
                    seq_no: seq,
                    file_name: file.name.clone(),
                    replaces: replaces.clone(),
                    byte_len: file.bytes.len() as u64,
                },
                Some(file.bytes.clone()),
            );
            choices.update(|chosen| {
                chosen.take(&slot);
            });
            if let Some(input) = file_input.get_untracked() {
                input.set_value("");
            }
        }
    };

    let accept = rules.formats.iter().map(|f| f.mime_type()).collect::<Vec<_>>().join(",");
    view! {
        <div class="upload-form">
            {full.then(|| view! {
                <p class="muted">{tr("本类已达到张数上限；如需更换请先删除。", "This category is full; delete a picture to replace it.")}</p>
            })}
            <div class="upload-row" class:hidden=full>
                {if replacing {
                    view! { <span class="seq">{tr("更换为：", "Replace with:")}</span> }.into_any()
                } else if free_slots.is_empty() {
                    view! {
                        <label class="seq">
                            {tr("顺序号", "Seq. no.")}
                            <input type="number" min="1" max="999" name="seq_no" prop:value=seq_no on:input=move |ev| seq_no.set(event_target_value(&ev))/>
                        </label>
                    }.into_any()
                } else {
                    view! {
                        <label class="seq">
                            {tr("位置", "Place")}
                            <select name="slot" prop:value=seq_no on:change=move |ev| seq_no.set(event_target_value(&ev))>
                                {free_slots.into_iter().map(|(n, zh, en)| view! {
                                    <option value=n.to_string()>{move || lang.get().pick(zh.clone(), en.clone())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any()
                }}
                <label class="file" for=label_for>
                    {tr("选择图片", "Choose picture")}
                    <input id=input_id type="file" name="file" accept=accept.clone() node_ref=file_input on:change=on_choose.clone()/>
                </label>
                // Phones open the camera straight away; desktops hide this (see main.css).
                <label class="file camera">
                    {tr("拍照上传", "Take a photo")}
                    <input type="file" name="camera" accept=accept capture="environment" on:change=on_choose/>
                </label>
            </div>
            {move || judged.get().map(|j| {
                let size = format_bytes(j.bytes.len() as u64, Rounding::Up);
                let dims = j.verdict.facts.as_ref().map(|f| format!("{}×{}", f.width(), f.height())).unwrap_or_default();
                let cut_note = j.cut_note.clone().map(|(zh, en)| {
                    let lang = crate::i18n::use_lang();
                    view! { <p class="cut-note">{move || lang.get().pick(zh.clone(), en.clone())}</p> }
                });
                let fitted = j.fitted.clone().map(|report| view! {
                    <div class="fitted">
                        <FitReportView report after_caption=("调整后（将上传）", "After (to be uploaded)")/>
                    </div>
                });
                if j.verdict.accepted() {
                    let warnings = j.verdict.warnings.clone();
                    view! {
                        <div class="chosen ok">
                            <span>{format!("{} · {size} · {dims} ", j.name)}{tr("符合要求", "meets the rules")}</span>
                            {cut_note}
                            {fitted}
                            {(!warnings.is_empty()).then(|| view! {
                                <div class="warnings">
                                    <span>{tr("提示（仍可上传）：", "Advice (you may still upload):")}</span>
                                    <ViolationList violations=warnings/>
                                </div>
                            })}
                            <LooksAdviceOnDemand bytes=j.bytes.clone() look=picture_look/>
                            {wants_qr.then(|| view! { <QrAdviceOnDemand bytes=j.bytes.clone()/> })}
                            <button type="button" class="button" on:click=on_upload.clone()>
                                {if replacing { tr("更换", "Replace") } else { tr("上传", "Upload") }}
                            </button>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div class="chosen refused">
                            <span>{format!("{} · {size} ", j.name)}{tr("不符合要求，未上传：", "does not meet the rules and was not uploaded:")}</span>
                            {cut_note}
                            <ViolationList violations=j.verdict.violations.clone()/>
                            {j.verdict.facts.clone().filter(|_| j.fitted.is_none() && only_fixable(&j.verdict)).map(|facts| view! {
                                <PhotoFixOnDemand
                                    bytes=j.bytes.clone()
                                    facts=facts
                                    category=fix_category.clone()
                                    already_uploaded=already_uploaded
                                    on_fitted=on_fitted(j.name.clone())
                                />
                            })}
                        </div>
                    }.into_any()
                }
            })}
            // Only a mistyped sequence number: the server's answers are shown on the queued item.
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </div>
    }
    .into_any()
}

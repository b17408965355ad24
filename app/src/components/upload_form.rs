//! Choosing and sending pictures. The shared judgement runs in the browser the moment a file is
//! chosen: a refused file shows every broken rule at once and is never sent; advice that is not
//! followed shows as a warning and the upload stays allowed. On a phone the camera is offered.
//! Where a category takes several pictures without named places, several may be chosen at once
//! (`domain::chosen_together`): they go in the order of the numbers in their names.
//! An accepted file goes to the page's pending queue: kept on the device first, then sent (see `pending_queue`).
//! Until then the chosen file is the page's (`PageChoices`), not this form's: the form is drawn
//! again whenever the page's data comes back, and the choice must outlive it.

use leptos::html::Input;
use leptos::prelude::*;

use crate::client::{fetch_device_store_when_live, read_chosen_files};
use crate::components::chosen_picture::jpeg_name;
use crate::components::chosen_view::ChoiceContext;
use crate::components::error_note::ErrorNote;
use crate::components::judged_file::{Judged, PageChoices};
use crate::components::judging_on_demand::{chosen_view, fetch_judging_when_live, judge_files};
use crate::components::pending_queue::PendingQueue;
use crate::components::photo_fix::FittedPicture;
use crate::components::photo_tools_on_demand::{
    keep_face_model_for_offline, keep_photo_tools_for_offline, keep_qr_reader_for_offline,
};
use crate::domain::chosen_together::free_places;
use crate::domain::record_ids::MaterialId;
use crate::domain::{CategoryDefinition, FileFormat};
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
    let wants_qr = category.qr == crate::domain::qr_code::QrRequirement::Required;
    keep_photo_tools_for_offline();
    fetch_judging_when_live();
    fetch_device_store_when_live();
    if wants_qr {
        keep_qr_reader_for_offline();
    }
    if category.picture == crate::domain::picture_quality::PictureKind::Portrait {
        keep_face_model_for_offline();
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
    // Several at once only where each file takes the next free number: a named place (身份证正面)
    // is chosen one by one, and a replacement is one picture.
    let several_allowed = !replacing && category.slots.is_empty() && rules.max_count != Some(1);

    // The photo tool's result takes the chosen file's place, named as the JPEG it now is.
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
                choices.update(|chosen| chosen.replace(&slot, vec![fitted]));
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
                let files = read_chosen_files(&ev).await;
                if files.is_empty() {
                    return;
                }
                // A PDF where the category takes JPEGs becomes its pages (issue 68), or is refused.
                let judged = match judge_files(files, &category, already_uploaded).await {
                    Ok(judged) => judged,
                    Err((zh, en)) => {
                        failure.set(Some(AppError::invalid_field("file", zh, en)));
                        choices.try_update(|chosen| chosen.take(&slot));
                        return;
                    }
                };
                // The page's store outlives this form; when the page itself is gone, so is
                // the choice.
                choices.try_update(|chosen| chosen.judged(&slot, ticket, judged));
            });
        }
    };

    // The places the accepted files of a choice of several will take, from the number shown on.
    let places = {
        let taken = taken.clone();
        Memo::new(move |_| {
            let accepted = judged.with(|files| files.iter().flatten().filter(|j| j.verdict.accepted()).count());
            let start = seq_no.with(|typed| typed.trim().parse::<u32>().unwrap_or(next_seq_no));
            free_places(start, &taken, accepted)
        })
    };

    // Sends what passed, each file once, to the pending queue; what did not pass stays listed.
    let on_upload = {
        let (category_code, replaces, slot) = (category_code.clone(), replaces.clone(), slot.clone());
        Callback::new(move |()| {
            let (accepted, refused): (Vec<Judged>, Vec<Judged>) =
                judged.get_untracked().unwrap_or_default().into_iter().partition(|j| j.verdict.accepted());
            if accepted.is_empty() {
                return;
            }
            let Ok(start) = seq_no.get_untracked().trim().parse::<u32>() else {
                failure.set(Some(AppError::invalid_field(
                    "seq_no",
                    "顺序号应为正整数",
                    "The sequence number must be a whole number",
                )));
                return;
            };
            let places = if accepted.len() == 1 { vec![start] } else { places.get_untracked() };
            for (file, seq_no) in accepted.into_iter().zip(places) {
                queue.enqueue(
                    PendingKind::Upload {
                        category: category_code.clone(),
                        seq_no,
                        file_name: file.name.clone(),
                        replaces: replaces.clone(),
                        byte_len: file.bytes.len() as u64,
                    },
                    Some(file.bytes.clone()),
                );
            }
            choices.update(|chosen| {
                if refused.is_empty() {
                    chosen.take(&slot);
                } else {
                    chosen.replace(&slot, refused);
                }
            });
            if let Some(input) = file_input.get_untracked() {
                input.set_value("");
            }
        })
    };

    let accept = rules.formats.iter().map(|f| f.mime_type()).collect::<Vec<_>>().join(",");
    // A PDF can be chosen where its pages can become JPEGs (not from the camera).
    let accept_files =
        if rules.formats.contains(&FileFormat::Jpeg) { format!("{accept},application/pdf") } else { accept.clone() };
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
                    <input
                        id=input_id
                        type="file"
                        name="file"
                        accept=accept_files
                        multiple=several_allowed
                        node_ref=file_input
                        on:change=on_choose.clone()
                    />
                </label>
                // Phones open the camera straight away; desktops hide this (see main.css).
                <label class="file camera">
                    {tr("拍照上传", "Take a photo")}
                    <input type="file" name="camera" accept=accept capture="environment" on:change=on_choose/>
                </label>
            </div>
            {move || judged.get().map(|files| {
                let context = ChoiceContext { category: category.clone(), already_uploaded, replacing, on_upload };
                // Only one file's photo tool takes a result.
                let fitted = on_fitted(files.first().map(|file| file.name.clone()).unwrap_or_default());
                chosen_view(files, context, places.into(), fitted)
            })}
            // Only a mistyped sequence number: the server's answers are shown on the queued item.
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </div>
    }
    .into_any()
}

//! The review screen: the candidate's form and every image by category in sequence order, one
//! large image at a time. Worked with the keyboard alone: ← → move between images, O marks OK,
//! X marks "needs replacement" (reason 1–5 and a comment), F marks the form, + − zoom, R rotates
//! the view, Shift+A approves, Shift+S returns what is marked, Shift+J rejects, N opens the next
//! application.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::review::{decide_application, open_application, reveal_id_number};
use crate::components::error_note::ErrorNote;
use crate::components::review::decision_dialog::DecisionDialog;
use crate::components::review::form_readout::FormReadout;
use crate::components::review::image_viewer::{ImageViewer, ZOOMS};
use crate::components::review::mark_dialog::MarkDialog;
use crate::components::review::review_marks::{Mark, Marks, FORM_KEY};
use crate::domain::review_decision::{check_decision, Decision};
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::review::{ReviewImage, ReviewSheet};

#[component]
pub fn ReviewDeskPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let take_over = RwSignal::new(false);
    // Opening takes the application, so it happens only in the browser, as a POST: a GET of this
    // page (a prefetch, a link preview, a crawler) renders the frame and takes nothing.
    let sheet = LocalResource::new(move || {
        let (id, take_over) = (id(), take_over.get());
        async move { open_application(id, take_over).await }
    });
    view! {
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(sheet) => view! { <ReviewDesk sheet take_over/> }.into_any(),
                    Err(error) => view! { <h1>{tr("审核", "Review")}</h1><ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// One image with the words that place it: "毕业证书 第 2 张 (3/7)".
#[derive(Clone)]
struct Placed {
    image: ReviewImage,
    caption_zh: String,
    caption_en: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    MarkImage,
    MarkForm,
}

#[component]
fn ReviewDesk(sheet: ReviewSheet, take_over: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let placed: Vec<Placed> = sheet
        .category_views()
        .iter()
        .flat_map(|c| {
            c.images.iter().map(move |image| Placed {
                image: image.clone(),
                caption_zh: format!("{} 第 {} 张", c.definition.name_zh, image.material.seq_no),
                caption_en: format!("{} no. {}", c.definition.name_en, image.material.seq_no),
            })
        })
        .collect();
    let count = placed.len();
    let placed = StoredValue::new(placed);
    let index = RwSignal::new(0usize);
    let zoom = RwSignal::new(2usize);
    let turns = RwSignal::new(0u32);
    let marks = RwSignal::new(Marks::default());
    let dialog = RwSignal::new(None::<Dialog>);
    let pending = RwSignal::new(None::<Decision>);
    let failure = RwSignal::new(None::<AppError>);
    let decided = RwSignal::new(None::<(Decision, Option<i32>)>);
    let revealed = RwSignal::new(None::<String>);
    let can_decide = sheet.state.awaits_review() && sheet.taken_by_me;
    let (application_id, version, exam_code) = (sheet.application_id, sheet.version, sheet.exam.code.clone());
    let material_ids: Vec<String> =
        sheet.categories.iter().flat_map(|c| c.images.iter().map(|i| i.material.id.clone())).collect();
    let material_ids = StoredValue::new(material_ids);

    let current = move || placed.with_value(|p| p.get(index.get()).cloned());
    let go = move |delta: isize| {
        if count > 0 {
            index.update(|i| *i = (*i as isize + delta).clamp(0, count as isize - 1) as usize);
            turns.set(0);
        }
    };
    let mark_current = move |mark: Mark| {
        if let Some(p) = current() {
            marks.update(|m| {
                m.0.insert(p.image.material.id.clone(), mark);
            });
        }
    };
    let decide = Action::new(move |decision: &Decision| {
        let decision = decision.clone();
        async move {
            failure.set(None);
            match decide_application(application_id, version, decision.clone()).await {
                Ok(next) => decided.set(Some((decision, next))),
                Err(error) => failure.set(Some(error)),
            }
            pending.set(None);
        }
    });
    // Checked here with the server's own rules before anything is sent.
    let propose = move |decision: Decision| {
        let problems = check_decision(&decision, &material_ids.get_value());
        if problems.is_empty() || matches!(decision, Decision::Reject { .. }) {
            failure.set(None);
            pending.set(Some(decision));
        } else {
            failure.set(Some(AppError::DecisionInvalid { problems }));
        }
    };
    let open_next = {
        let (navigate, exam_code) = (navigate.clone(), exam_code.clone());
        move || match decided.get_untracked() {
            Some((_, Some(next))) => navigate(&format!("/review/applications/{next}"), Default::default()),
            _ => navigate(&format!("/review/exams/{exam_code}"), Default::default()),
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if dialog.get_untracked().is_some()
            || pending.get_untracked().is_some()
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
        {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_target_tag(&t))
            .is_some_and(|tag| matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        let decided_already = decided.get_untracked().is_some();
        let handled = match ev.key().as_str() {
            "ArrowRight" | "j" => {
                go(1);
                true
            }
            "ArrowLeft" | "k" => {
                go(-1);
                true
            }
            "+" | "=" => {
                zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1));
                true
            }
            "-" => {
                zoom.update(|z| *z = z.saturating_sub(1));
                true
            }
            "r" => {
                turns.update(|t| *t += 1);
                true
            }
            "n" if decided_already => {
                open_next();
                true
            }
            _ if !can_decide || decided_already => false,
            "o" => {
                mark_current(Mark::Ok);
                go(1);
                true
            }
            "x" if count > 0 => {
                dialog.set(Some(Dialog::MarkImage));
                true
            }
            "f" => {
                dialog.set(Some(Dialog::MarkForm));
                true
            }
            "A" => {
                propose(Decision::Approve);
                true
            }
            "S" => {
                propose(marks.get_untracked().return_decision());
                true
            }
            "J" => {
                propose(Decision::Reject { reason: String::new() });
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    let reveal = Action::new(move |_: &()| async move {
        match reveal_id_number(application_id).await {
            Ok(number) => revealed.set(Some(number)),
            Err(error) => failure.set(Some(error)),
        }
    });
    let (state, round) = (sheet.state, sheet.round);
    let masked = sheet.id_number_masked.clone();
    let taken_note = match (&sheet.taken_by, sheet.taken_by_me, sheet.state.awaits_review()) {
        (Some(other), false, true) => Some(other.clone()),
        _ => None,
    };
    let title = sheet.exam.clone();
    let history = sheet.history.clone();

    view! {
        <p><a href=format!("/review/exams/{exam_code}")>{tr("← 返回审核队列", "← Back to the queue")}</a></p>
        <h1>{move || lang.get().pick(format!("审核：{}", sheet.candidate_name), format!("Review: {}", sheet.candidate_name))}</h1>
        <p class="muted">{move || lang.get().pick(title.title_zh.clone(), title.title_en.clone())}</p>
        <p class="exam-status">
            <span class="badge state" data-testid="review-state">{tr(state.label_zh(), state.label_en())}</span>
            {(round > 1).then(|| view! { <span class="badge">{move || lang.get().pick(format!("第 {round} 次提交", ), format!("Submission {round}"))}</span> })}
            <span data-testid="id-number">{move || revealed.get().unwrap_or_else(|| masked.clone())}</span>
            <button type="button" class="link-button" on:click=move |_| { reveal.dispatch(()); }>{tr("显示完整证件号（将记录）", "Show full ID number (logged)")}</button>
        </p>
        {taken_note.map(|other| view! {
            <p class="notice" role="status">
                {move || lang.get().pick(format!("{other} 正在审核此申请。"), format!("{other} is reviewing this application."))}
                <button type="button" class="button secondary" on:click=move |_| take_over.set(true)>{tr("接手审核", "Take over")}</button>
            </p>
        })}
        <p class="keys muted" data-testid="key-help">{tr(
            "键盘：← → 切换图片 · O 合格 · X 需更换 · F 个人信息需修改 · + − 缩放 · R 旋转 · Shift+A 通过 · Shift+S 退回修改 · Shift+J 不通过 · N 下一份",
            "Keys: ← → images · O OK · X needs replacement · F form needs correction · + − zoom · R rotate · Shift+A approve · Shift+S return · Shift+J reject · N next",
        )}</p>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        {move || decided.get().map(|(decision, next)| view! {
            <p class="notice ok" role="status" data-testid="decided">
                {move || lang.get().pick(format!("已保存：{}。", decision.label_zh()), format!("Saved: {}.", decision.label_en()))}
                {move || lang.get().pick(if next.is_some() { "按 N 打开下一份申请。" } else { "队列中没有等待审核的申请了；按 N 返回队列。" }, if next.is_some() { " Press N for the next application." } else { " Nothing else is waiting; press N to go back to the queue." })}
            </p>
        })}
        <div class="review-layout">
            <section class="card review-images" aria-label=tr("材料图片", "Images")>
                <ol class="thumbs">
                    {move || placed.with_value(|all| all.iter().enumerate().map(|(i, p)| {
                        let id = p.image.material.id.clone();
                        let mark = marks.with(|m| m.0.get(&id).cloned());
                        let status = match mark { Some(Mark::Ok) => "ok", Some(Mark::Replace { .. }) => "replace", None => "unmarked" };
                        let (zh, en) = (p.caption_zh.clone(), p.caption_en.clone());
                        view! {
                            <li class="thumb" class:current=move || index.get() == i data-mark=status>
                                <button type="button" class="link-button" on:click=move |_| index.set(i)>
                                    {move || lang.get().pick(zh.clone(), en.clone())}
                                    {match status { "ok" => " ✓", "replace" => " ✗", _ => "" }}
                                    {p.image.previous.is_some().then_some(" ↻")}
                                </button>
                            </li>
                        }
                    }).collect_view())}
                </ol>
                {move || current().map(|p| {
                    let flag = p.image.last_flag.clone();
                    view! {
                        <p class="muted" data-testid="image-position">{move || lang.get().pick(format!("第 {} / {count} 张", index.get() + 1), format!("{} of {count}", index.get() + 1))}</p>
                        {flag.map(|f| view! { <p class="flag-note">{move || lang.get().pick(format!("上次退回：{}", f.text_zh()), format!("Last returned: {}", f.text_en()))}</p> })}
                        <ImageViewer image=p.image caption_zh=p.caption_zh caption_en=p.caption_en zoom turns/>
                    }
                })}
                {(count == 0).then(|| view! { <p>{tr("没有上传图片。", "No images uploaded.")}</p> })}
            </section>
            <section class="card review-form" aria-label=tr("个人信息", "Personal information")>
                <h2>{tr("个人信息", "Personal information")}</h2>
                {sheet.form_flag.clone().map(|f| view! { <p class="flag-note">{move || lang.get().pick(format!("上次退回：{}", f.text_zh()), format!("Last returned: {}", f.text_en()))}</p> })}
                {move || marks.with(|m| m.0.get(FORM_KEY).cloned()).map(|_| view! { <p class="badge required" data-testid="form-marked">{tr("已标记需修改", "Marked for correction")}</p> })}
                <FormReadout definition=sheet.definition.clone() form=sheet.form.clone() position=sheet.position.clone()/>
                <h2>{tr("记录", "History")}</h2>
                <ol class="timeline">
                    {history.into_iter().map(|entry| view! { <li><time>{entry.at.clone()}</time>" "{move || lang.get().pick(entry.message_zh.clone(), entry.message_en.clone())}</li> }).collect_view()}
                </ol>
            </section>
        </div>
        {can_decide.then(|| view! {
            <p class="actions decision-buttons">
                <button type="button" class="button" on:click=move |_| propose(Decision::Approve)>{tr("审核通过 (Shift+A)", "Approve (Shift+A)")}</button>
                <button type="button" class="button secondary" on:click=move |_| propose(marks.get_untracked().return_decision())>
                    {move || lang.get().pick(format!("退回修改 {} 项 (Shift+S)", marks.with(|m| m.replace_count())), format!("Return {} item(s) (Shift+S)", marks.with(|m| m.replace_count())))}
                </button>
                <button type="button" class="button danger" on:click=move |_| propose(Decision::Reject { reason: String::new() })>{tr("不通过 (Shift+J)", "Reject (Shift+J)")}</button>
            </p>
        })}
        {move || dialog.get().map(|which| {
            let (zh, en) = match (which, current()) {
                (Dialog::MarkImage, Some(p)) => (p.caption_zh, p.caption_en),
                _ => ("个人信息表".to_string(), "the personal form".to_string()),
            };
            let on_save = Callback::new(move |(reason, comment): (crate::domain::review_decision::ReviewReason, String)| {
                let key = match which { Dialog::MarkForm => Some(FORM_KEY.to_string()), Dialog::MarkImage => current().map(|p| p.image.material.id) };
                if let Some(key) = key {
                    marks.update(|m| { m.0.insert(key, Mark::Replace { reason, comment }); });
                }
                dialog.set(None);
                if which == Dialog::MarkImage { go(1); }
            });
            view! { <MarkDialog subject_zh=zh subject_en=en on_save on_cancel=Callback::new(move |_| dialog.set(None))/> }
        })}
        {move || pending.get().map(|decision| view! {
            <DecisionDialog decision on_confirm=Callback::new(move |d| { decide.dispatch(d); }) on_cancel=Callback::new(move |_| pending.set(None))/>
        })}
    }
    .into_any()
}

/// The tag name of an event's target, to leave typing in fields alone.
fn wasm_target_tag(target: &leptos::web_sys::EventTarget) -> Option<String> {
    use leptos::wasm_bindgen::JsCast;
    target.dyn_ref::<leptos::web_sys::Element>().map(|e| e.tag_name())
}

//! 暂存 and 提交审核. A draft keeps whatever is typed; a submission is checked by the server,
//! which either lists exactly what is missing or locks the application.

use leptos::prelude::*;

use crate::api::save_application;
use crate::components::bilingual_note::BilingualNote;
use crate::components::error_note::ErrorNote;
use crate::components::required_now::RequiredNow;
use crate::domain::personal_form::FormValues;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};

#[component]
pub fn ApplicationActions(
    exam_code: ExamCode,
    form: RwSignal<FormValues>,
    position: RwSignal<Option<String>>,
    strict: RwSignal<bool>,
    /// The "确认提交" question is open; owned by the page, so it survives the page reloading.
    confirming: RwSignal<bool>,
    /// What 提交审核 would refuse for, judged again as the position and the form change
    /// (`required_now`); the server's own answer takes its place when it refuses.
    missing_now: RequiredNow,
    /// After a return: the submit button resubmits.
    #[prop(optional)]
    resubmit: bool,
    on_submitted: Callback<()>,
    /// Moves on each time the server stored the form (the device's draft is then not needed).
    saved_by_hand: RwSignal<u32>,
    /// The exam's helpline (seed 000's 系统使用咨询), said under what is missing: whom to ask.
    helpline: Option<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let saved_note = RwSignal::new(false);
    let missing = RwSignal::new(untrack(move || missing_now.missing()));
    Effect::new(move |_| missing.set(missing_now.missing()));
    let failure = RwSignal::new(None::<AppError>);
    let save = Action::new(move |submit: &bool| {
        let (code, submit) = (exam_code.clone(), *submit);
        async move {
            failure.set(None);
            saved_note.set(false);
            let outcome = save_application(code, form.get_untracked(), position.get_untracked(), submit).await;
            if outcome.is_ok() {
                saved_by_hand.update(|n| *n += 1);
            }
            match outcome {
                Ok(_) if submit => {
                    confirming.set(false);
                    on_submitted.run(());
                }
                Ok(_) => saved_note.set(true),
                Err(AppError::Incomplete { missing: items }) => {
                    strict.set(true);
                    missing.set(items);
                    confirming.set(false);
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    view! {
        <section class="card application-actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{tr("暂存与提交", "Save and submit")}</h2>
            {move || {
                let items = missing.get();
                (!items.is_empty()).then(|| view! {
                    <div class="missing" data-testid="missing">
                        <p>{move || lang.get().pick(format!("提交审核前还缺 {} 项：", items.len()), format!("{} item(s) missing before you can submit:", items.len()))}</p>
                        <ul>{missing.get().into_iter().map(|m| view! { <li>{move || lang.get().pick(m.message_zh.clone(), m.message_en.clone())}</li> }).collect_view()}</ul>
                        {helpline.clone().map(|(zh, en)| {
                            let words = (format!("如需帮助：{zh}"), format!("For help: {en}"));
                            view! { <BilingualNote words class="muted helpline-note" testid="helpline-under-error"/> }
                        })}
                    </div>
                })
            }}
            <p class="actions">
                <button type="button" class="button secondary" disabled=move || save.pending().get() on:click=move |_| { save.dispatch(false); }>{tr("暂存", "Save draft")}</button>
                <button type="button" class="button" disabled=move || save.pending().get() on:click=move |_| confirming.set(true)>
                    {if resubmit { tr("重新提交审核", "Resubmit for review") } else { tr("提交审核", "Submit for review") }}
                </button>
            </p>
            {move || saved_note.get().then(|| view! { <p class="ok" role="status">{tr("已暂存。下次进入时会看到现在的内容。", "Draft saved. You will find everything as you left it.")}</p> })}
            {move || confirming.get().then(|| view! {
                <div class="confirm-submit" role="alertdialog" aria-label=tr("确认提交", "Confirm submission")>
                    <p>{tr("提交后材料和信息将被锁定，不能再修改。确认提交审核？", "After submitting, your materials and information are locked and cannot be changed. Submit for review?")}</p>
                    <button type="button" class="button" on:click=move |_| { save.dispatch(true); }>{tr("确认提交", "Confirm and submit")}</button>
                    <button type="button" class="link-button" on:click=move |_| confirming.set(false)>{tr("取消", "Cancel")}</button>
                </div>
            })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
    .into_any()
}

//! Seed 002's check step after 注册 (`domain::sign_up_check`): the document's type, its number and
//! the name typed once more, empty, with pasting refused; sign-up goes on only when they agree with
//! what was typed first, and each difference is said at its field. Its code comes with the
//! sign-up's checks in the `sign_up_checks` chunk (`pages::sign_up_page`), so no first load carries it.

use leptos::prelude::*;

use crate::domain::sign_up_check::differences;
use crate::domain::sign_up_form::{FieldError, SignUpFields, TypedAgain};
use crate::domain::IdType;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::account::SessionUser;

#[component]
pub fn SignUpCheckStep(
    fields: RwSignal<SignUpFields>,
    checking: RwSignal<bool>,
    submit: Action<SignUpFields, Result<SessionUser, AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let again = RwSignal::new(TypedAgain::default());
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let first_field = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(select) = first_field.get() {
            let _ = select.focus();
        }
    });
    let on_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = again.get_untracked();
        let found = fields.with_untracked(|first| differences(first, &typed));
        if found.is_empty() {
            problems.set(Vec::new());
            submit.dispatch(SignUpFields { typed_again: Some(typed), ..fields.get_untracked() });
        } else {
            problems.set(found);
        }
    };
    // Typed, not pasted: a number copied from the first field would carry its mistake along.
    let refuse_paste = |ev: leptos::ev::ClipboardEvent| ev.prevent_default();
    let problem_at = move |field: &'static str| {
        move || {
            problems.with(|found| {
                found.iter().find(|e| e.field == field).map(|e| {
                    let text = lang.get().pick(e.message_zh.clone(), e.message_en.clone());
                    view! { <span class="field-error" role="alert">{text}</span> }
                })
            })
        }
    };
    view! {
        <form class="card form" method="post" novalidate on:submit=on_confirm data-testid="sign-up-check" aria-labelledby="sign-up-check-title">
            <h2 id="sign-up-check-title">{tr("核对信息", "Check your details")}</h2>
            <p class="muted">{tr(
                "请再次选择证件类型，再次输入证件号码和姓名（不能粘贴），与上面填写的一致后完成注册。",
                "Choose the document type and type its number and your name once more (pasting is off); sign-up completes when they match what you typed above."
            )}</p>
            <label>
                {tr("再次选择证件类型", "Document type, again")}
                <select name="check_id_type" node_ref=first_field on:change=move |ev| again.update(|a| a.id_type = event_target_value(&ev))>
                    <option value="" selected>{tr("请选择", "Choose")}</option>
                    {IdType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str()>{move || lang.get().pick(t.name_zh(), t.name_en())}</option>
                    }).collect_view()}
                </select>
                {problem_at("check_id_type")}
            </label>
            <label>
                {tr("再次输入证件号码", "Document number, again")}
                <input name="check_id_number" autocomplete="off" on:paste=refuse_paste on:input=move |ev| again.update(|a| a.id_number = event_target_value(&ev))/>
                {problem_at("check_id_number")}
            </label>
            <label>
                {tr("再次输入姓名", "Full name, again")}
                <input name="check_name" autocomplete="off" on:paste=refuse_paste on:input=move |ev| again.update(|a| a.name = event_target_value(&ev))/>
                {problem_at("check_name")}
            </label>
            <button type="submit" class="button" disabled=move || submit.pending().get()>{tr("确认注册", "Confirm and sign up")}</button>
            <button type="button" class="button secondary" on:click=move |_| checking.set(false)>{tr("返回修改", "Back to the form")}</button>
        </form>
    }
}

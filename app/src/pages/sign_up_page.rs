//! Sign-up: the form is judged in the browser by the same `SignUpForm::parse` the server runs.

use leptos::prelude::*;

use crate::api::sign_up;
use crate::auth_flow::after_sign_in;
use crate::components::error_note::ErrorNote;
use crate::domain::sign_up_form::{FieldError, SignUpFields, SignUpForm};
use crate::domain::IdType;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::island_page::provide_island_contexts;

/// An island: the page's code, live without the app around it (`island_page`).
#[island]
pub fn SignUpPage() -> impl IntoView {
    provide_island_contexts();
    let lang = use_lang();
    let fields = RwSignal::new(SignUpFields { id_type: IdType::ResidentId.as_str().to_string(), ..Default::default() });
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Action::new(move |fields: &SignUpFields| {
        let fields = fields.clone();
        async move {
            let outcome = sign_up(fields).await;
            if let Ok(me) = &outcome {
                after_sign_in(me.role);
            }
            outcome
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = fields.get_untracked();
        match SignUpForm::parse(&current) {
            Ok(_) => {
                field_errors.set(Vec::new());
                submit.dispatch(current);
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let error_for = move |field: &'static str| {
        move || {
            field_errors.with(|errors| {
                errors.iter().find(|e| e.field == field).map(|e| {
                    let text = lang.get().pick(e.message_zh.clone(), e.message_en.clone());
                    view! { <span class="field-error" role="alert">{text}</span> }
                })
            })
        }
    };
    let bind = move |set: fn(&mut SignUpFields, String)| {
        move |ev: leptos::ev::Event| fields.update(|f| set(f, event_target_value(&ev)))
    };

    view! {
        <h1>{tr("注册", "Sign up")}</h1>
        <form class="card form" method="post" on:submit=on_submit novalidate>
            <label>
                {tr("证件类型", "Document type")}
                <select name="id_type" on:change=bind(|f, v| f.id_type = v)>
                    {IdType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=move || fields.with(|f| f.id_type == t.as_str())>
                            {move || lang.get().pick(t.name_zh(), t.name_en())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {tr("证件号码", "Document number")}
                <input name="id_number" autocomplete="username" on:input=bind(|f, v| f.id_number = v)/>
                {error_for("id_number")}
            </label>
            <label>
                {tr("姓名", "Full name")}
                <input name="name" autocomplete="name" on:input=bind(|f, v| f.name = v)/>
                {error_for("name")}
            </label>
            <label>
                {tr("手机号码", "Mobile number")}
                <input name="mobile" type="tel" autocomplete="tel" on:input=bind(|f, v| f.mobile = v)/>
                {error_for("mobile")}
            </label>
            <label>
                {tr("电子邮箱（选填，用于接收审核通知）", "Email (optional, for review notices)")}
                <input name="email" type="email" autocomplete="email" on:input=bind(|f, v| f.email = v)/>
                {error_for("email")}
            </label>
            <label>
                {tr("密码（8–64 位，含字母和数字）", "Password (8–64 characters, letters and digits)")}
                <input name="password" type="password" autocomplete="new-password" on:input=bind(|f, v| f.password = v)/>
                {error_for("password")}
            </label>
            <button type="submit" class="button" disabled=move || submit.pending().get()>{tr("注册", "Sign up")}</button>
            {move || submit.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
            <p>{tr("已有账号？", "Already registered? ")}<a href="/login">{tr("登录", "Log in")}</a></p>
        </form>
    }
    .into_any()
}

//! 忘记密码: ask for a one-time code by text or email, then set a new password with it. The page
//! says the same thing whether or not the ID number is registered.

use leptos::prelude::*;

use crate::api::{request_recovery_code, reset_password};
use crate::components::error_note::ErrorNote;
use crate::domain::new_password::NewPassword;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::account::RecoveryChannel;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let id_number = RwSignal::new(String::new());
    let channel = RwSignal::new(RecoveryChannel::Sms);
    let code = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let password_problem = RwSignal::new(None::<(String, String)>);
    let request =
        Action::new(move |(id, channel): &(String, RecoveryChannel)| request_recovery_code(id.clone(), *channel));
    let reset = Action::new(move |(id, code, password): &(String, String, String)| {
        reset_password(id.clone(), code.clone(), password.clone())
    });
    let on_request = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        request.dispatch((id_number.get_untracked(), channel.get_untracked()));
    };
    let on_reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The rule the server applies, judged here first.
        match NewPassword::parse("new_password", &new_password.get_untracked()) {
            Ok(_) => {
                password_problem.set(None);
                reset.dispatch((id_number.get_untracked(), code.get_untracked(), new_password.get_untracked()));
            }
            Err(problem) => password_problem.set(Some((problem.message_zh, problem.message_en))),
        }
    };
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    let done = move || matches!(reset.value().get(), Some(Ok(())));

    view! {
        <h1>{tr("找回密码", "Reset your password")}</h1>
        <Show when=move || !done() fallback=move || view! {
            <p class="card notice" role="status">
                {tr("密码已重置，所有已登录的设备均已退出。请用新密码登录。", "Your password has been reset and every signed-in device signed out. Log in with the new password.")}
                " " <a href="/login">{tr("去登录", "Log in")}</a>
            </p>
        }>
            <form class="card form" method="post" on:submit=on_request>
                <label>
                    {tr("证件号码", "Document number")}
                    <input name="id_number" autocomplete="username" on:input=move |ev| id_number.set(event_target_value(&ev))/>
                </label>
                <fieldset>
                    <legend>{tr("验证码发送到", "Send the code to")}</legend>
                    <label class="choice"><input type="radio" name="channel" checked=move || channel.get() == RecoveryChannel::Sms on:change=move |_| channel.set(RecoveryChannel::Sms)/>{tr("注册时登记的手机", "the mobile number on the account")}</label>
                    <label class="choice"><input type="radio" name="channel" checked=move || channel.get() == RecoveryChannel::Email on:change=move |_| channel.set(RecoveryChannel::Email)/>{tr("注册时登记的邮箱", "the email address on the account")}</label>
                </fieldset>
                <button type="submit" class="button" disabled=move || request.pending().get()>{tr("获取验证码", "Send me a code")}</button>
                {move || request.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
                <Show when=sent>
                    <p class="notice" role="status">{tr(
                        "如果该证件号码已注册并登记了所选的联系方式，验证码已经发出，15 分钟内有效。没有收到？请检查号码或邮箱后重新获取，或联系考试机构。",
                        "If this ID number has an account with that contact, a code is on its way; it is valid for 15 minutes. Nothing arrived? Ask again, or contact the examination authority.",
                    )}</p>
                </Show>
            </form>
            <form class="card form" method="post" on:submit=on_reset>
                <label>
                    {tr("验证码", "Code")}
                    <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" on:input=move |ev| code.set(event_target_value(&ev))/>
                </label>
                <label>
                    {tr("新密码", "New password")}
                    <input name="new_password" type="password" autocomplete="new-password" on:input=move |ev| new_password.set(event_target_value(&ev))/>
                </label>
                {move || password_problem.get().map(|(zh, en)| view! { <span class="field-error" role="alert">{lang.get().pick(zh, en)}</span> })}
                <button type="submit" class="button" disabled=move || reset.pending().get()>{tr("重置密码", "Reset password")}</button>
                {move || reset.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
            </form>
        </Show>
    }
}

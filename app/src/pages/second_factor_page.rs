//! 两步验证: the second step of a staff member's sign-in, after the right password. With an
//! authenticator set up, its code (or a recovery code); without one, setting it up first.

use leptos::prelude::*;

use crate::api::second_factor::second_factor_prompt;
use crate::api::server_resource::server_resource;
use crate::auth_flow::after_sign_in;
use crate::components::error_note::ErrorNote;
use crate::components::recovery_codes_sheet::RecoveryCodesSheet;
use crate::components::second_factor_code_form::SecondFactorCodeForm;
use crate::components::second_factor_enrolment::SecondFactorEnrolment;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::account::SecondFactorDone;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let prompt = server_resource(|| (), |_| second_factor_prompt());
    let done = RwSignal::new(None::<SecondFactorDone>);
    // Straight on to the start page, unless there is something to tell first.
    let on_done = Callback::new(move |finished: SecondFactorDone| {
        if finished.new_recovery_codes.is_empty() && finished.recovery_codes_left.is_none() {
            after_sign_in(finished.user.role);
        }
        done.set(Some(finished));
    });
    view! {
        <h1>{tr("两步验证", "Two-step sign-in")}</h1>
        <Show when=move || done.get().is_none() fallback=move || view! { <Finished done=done.get().unwrap()/> }>
            <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match prompt.await {
                        Ok(prompt) if prompt.enrolled => view! {
                            <p>{format!("{} {}", prompt.name, prompt.id_number_masked)}</p>
                            <p>{tr(
                                "打开手机上的验证器应用，输入「Zige」账号显示的 6 位数字。手机不在身边时，可输入一个恢复码。",
                                "Open the authenticator app on your phone and type the 6 digits it shows for Zige. Without the phone, type one of your recovery codes.",
                            )}</p>
                            <SecondFactorCodeForm submit_zh="验证并登录" submit_en="Verify and sign in" autofocus=true on_done/>
                        }.into_any(),
                        Ok(prompt) => view! {
                            <p>{format!("{} {}", prompt.name, prompt.id_number_masked)}</p>
                            <SecondFactorEnrolment on_done/>
                        }.into_any(),
                        Err(AppError::NotSignedIn) => view! {
                            <p class="notice" role="status">
                                {tr("请先用证件号码和密码登录（输入密码后 10 分钟内完成本步骤）。", "Log in with your ID number and password first (then finish this step within 10 minutes). ")}
                                " " <a href="/login">{tr("去登录", "Log in")}</a>
                            </p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </Show>
    }
}

/// Signed in, with something to say first: the new recovery codes, or how few are left.
#[component]
fn Finished(done: SecondFactorDone) -> impl IntoView {
    let lang = use_lang();
    let role = done.user.role;
    let on_continue = Callback::new(move |_| after_sign_in(role));
    match done.recovery_codes_left {
        _ if !done.new_recovery_codes.is_empty() => {
            view! { <RecoveryCodesSheet codes=done.new_recovery_codes on_continue/> }.into_any()
        }
        Some(left) => view! {
            <p class="notice" role="status" data-testid="recovery-codes-left">{move || lang.get().pick(
                format!("已用恢复码登录，还剩 {left} 个。手机找回前请妥善使用；换了手机请联系管理员重置两步验证。"),
                format!("Signed in with a recovery code; {left} left. Got a new phone? Ask an administrator to reset your two-step sign-in."),
            )}</p>
            <button type="button" class="button" on:click=move |_| on_continue.run(())>{tr("继续", "Continue")}</button>
        }.into_any(),
        None => view! { <p>{tr("正在进入…", "Signing in…")}</p> }.into_any(),
    }
}

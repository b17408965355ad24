//! The ten recovery codes, shown once at the end of enrolment, for the day the phone is lost.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn RecoveryCodesSheet(codes: Vec<String>, on_continue: Callback<()>) -> impl IntoView {
    view! {
        <section class="card" data-testid="recovery-codes">
            <h2>{tr("两步验证已设置。请保存恢复码", "Two-step sign-in is set up. Keep your recovery codes")}</h2>
            <p class="notice" role="status">{tr(
                "手机丢失或无法使用验证器时，可用下列恢复码代替验证码登录，每个只能用一次。请现在抄写或打印并妥善保管：离开本页后不会再显示。",
                "If the phone is lost or the app unavailable, each of these codes signs you in once in place of a code. Write them down or print them now: they are not shown again.",
            )}</p>
            <ol class="recovery-codes">
                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ol>
            <button type="button" class="button" on:click=move |_| on_continue.run(())>{tr("我已保存，继续", "I have kept them; continue")}</button>
        </section>
    }
}

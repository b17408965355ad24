//! Setting up a staff member's authenticator: the QR code (and the secret, for typing by hand),
//! then the first code, which confirms it.

use leptos::prelude::*;

use crate::api::second_factor::begin_second_factor_enrolment;
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::components::second_factor_code_form::SecondFactorCodeForm;
use crate::i18n::tr;
use crate::models::account::SecondFactorDone;

#[component]
pub fn SecondFactorEnrolment(on_done: Callback<SecondFactorDone>) -> impl IntoView {
    let enrolment = server_resource(|| (), |_| begin_second_factor_enrolment());
    view! {
        <p>{tr(
            "管理员和审核员登录时，除密码外还需输入手机验证器上的动态验证码。第一次登录请先完成设置：",
            "Administrators and reviewers sign in with their password and a code from an authenticator app on their phone. Set it up once, now:",
        )}</p>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match enrolment.await {
                    Ok(enrolment) => view! {
                        <section class="card">
                            <h2>{tr("1. 用验证器扫描二维码", "1. Scan the QR code with your authenticator")}</h2>
                            <p>{tr(
                                "在手机上打开验证器应用（如 Microsoft Authenticator、Google Authenticator、腾讯身份验证器、FreeOTP），添加账号并扫描下方二维码。",
                                "Open an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, Tencent Authenticator, FreeOTP…), add an account and scan this code.",
                            )}</p>
                            <div class="totp-qr" role="img" aria-label=tr("验证器二维码", "QR code for the authenticator") inner_html=enrolment.qr_svg></div>
                            <p>{tr("无法扫描时，手动输入密钥（基于时间）：", "Cannot scan? Type this key (time-based) instead: ")}
                                <code data-testid="totp-secret">{enrolment.secret}</code>
                            </p>
                        </section>
                        <h2>{tr("2. 输入验证器显示的 6 位数字", "2. Type the 6 digits the app shows")}</h2>
                        <SecondFactorCodeForm submit_zh="完成设置" submit_en="Finish setting up" on_done/>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

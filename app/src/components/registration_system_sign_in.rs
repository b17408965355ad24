//! 用报名系统账号登录 (seed 003), where the installation signs candidates in through the
//! authority's identity provider: on the log-in page, the way in; on 我的账号, joining an account
//! made here to the registration system's. Plain links, rendered by the server outside the pages'
//! islands, so they cost the candidate's download nothing.

use leptos::prelude::*;

use crate::i18n::tr;

/// Whether this installation offers it (the server alone knows; the browser never renders these).
fn offered() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::infra::server_state::server_state().is_ok_and(|state| state.provider_sign_in)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
pub fn RegistrationSystemSignIn() -> impl IntoView {
    offered().then(|| {
        view! {
            <section class="card" aria-labelledby="registration-system-title">
                <h2 id="registration-system-title">{tr("已在报名系统报名？", "Registered in the registration system?")}</h2>
                <p class="muted">{tr(
                    "用报名系统的账号和密码授权登录，无需另行注册；您的报名信息随之带入。",
                    "Authorise with the registration system's account and password: no second account, and your registration comes with you."
                )}</p>
                <a class="button" href="/auth/oidc/start" data-testid="registration-system-sign-in">{tr("用报名系统账号登录", "Log in with the registration system's account")}</a>
            </section>
        }
    })
}

#[component]
pub fn RegistrationSystemLink() -> impl IntoView {
    offered().then(|| {
        view! {
            <section class="card" aria-labelledby="registration-system-link-title">
                <h2 id="registration-system-link-title">{tr("报名系统账号", "Registration system account")}</h2>
                <p class="muted">{tr(
                    "绑定后可用报名系统账号登录本账号；报名系统账号的证件号码须与本账号一致。",
                    "Once linked, the registration system's account logs in to this account; its ID number must be this account's."
                )}</p>
                <a class="button secondary" href="/auth/oidc/start?link=1">{tr("绑定报名系统账号", "Link the registration system's account")}</a>
            </section>
        }
    })
}

//! 用报名系统账号登录 (seed 003), where the installation signs candidates in through the
//! authority's identity provider: on the log-in page, the way in, and after signing out of a
//! session that came from there, the way to sign out there too; on 我的账号, joining an account
//! made here to the registration system's. Plain links, rendered by the server outside the pages'
//! islands, so they cost the candidate's download nothing.

use leptos::prelude::*;

use crate::api::registration_system_joined::registration_system_joined;
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::tr;

/// Where 退出 leads a session that came from the registration system: the log-in page, offering
/// its sign-out as well (the provider's session outlives Zige's).
pub const SIGNED_OUT_OF_PROVIDER_SESSION: &str = "/login?signed_out=provider";

/// Whether this installation offers it (the server alone knows; the browser never renders these).
pub(crate) fn offered() -> bool {
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
    let signed_out_here =
        leptos_router::hooks::use_query_map().with_untracked(|query| query.get_str("signed_out") == Some("provider"));
    offered().then(|| {
        view! {
            {signed_out_here.then(|| view! { <ProviderSignOut/> })}
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

/// You are out of Zige; the registration system still knows you on this device until you leave
/// it too (a shared computer at a school or an internet café).
#[component]
fn ProviderSignOut() -> impl IntoView {
    view! {
        <section class="card" role="status" aria-labelledby="provider-sign-out-title" data-testid="provider-sign-out">
            <h2 id="provider-sign-out-title">{tr("已退出本系统", "Signed out here")}</h2>
            <p>{tr(
                "报名系统的账号在本设备上仍处于登录状态。使用公用电脑的，请一并退出。",
                "The registration system's account is still signed in on this device. On a shared computer, sign out there too."
            )}</p>
            <a class="button secondary" href="/auth/oidc/sign-out">{tr("退出报名系统账号", "Sign out of the registration system")}</a>
        </section>
    }
}

/// 我的账号's part: joined already (and since when), or the way to join.
#[component]
pub fn RegistrationSystemLink() -> impl IntoView {
    offered().then(|| {
        let joined = server_resource(|| (), |_| registration_system_joined());
        view! {
            <section class="card" aria-labelledby="registration-system-link-title" data-testid="registration-system-link">
                <h2 id="registration-system-link-title">{tr("报名系统账号", "Registration system account")}</h2>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match joined.await {
                            Ok(Some(since)) => view! {
                                <p>{tr("已绑定：可用报名系统账号登录本账号。", "Linked: the registration system's account logs in to this account.")}" "
                                    <span class="muted">{tr("绑定于 ", "Since ")}<ChinaTimeText at=since/></span></p>
                            }.into_any(),
                            _ => view! {
                                <p class="muted">{tr(
                                    "绑定后可用报名系统账号登录本账号；报名系统账号的证件号码须与本账号一致。",
                                    "Once linked, the registration system's account logs in to this account; its ID number must be this account's."
                                )}</p>
                                <a class="button secondary" href="/auth/oidc/start?link=1">{tr("绑定报名系统账号", "Link the registration system's account")}</a>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }
    })
}

//! 个人信息's 微信公众号通知 (seeds 001/003's "公众号信息反馈"), where the installation has the
//! authority's 公众号: bound (since when, and the way to unbind), or the way to bind it through
//! WeChat's authorisation. Plain links and a plain form, rendered by the server after the page's
//! island, so they cost the candidate's download nothing.

use leptos::prelude::*;

use crate::api::official_account_bound::official_account_bound;
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::tr;

/// Whether this installation has a 公众号 (the server alone knows; the browser never renders this).
fn offered() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::infra::server_state::server_state().is_ok_and(|state| state.official_account)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
pub fn OfficialAccountLink() -> impl IntoView {
    offered().then(|| {
        let bound = server_resource(|| (), |_| official_account_bound());
        let just_bound = leptos_router::hooks::use_query_map()
            .with_untracked(|query| query.get_str("official_account") == Some("bound"));
        view! {
            <section class="card" id="official-account" aria-labelledby="official-account-title" data-testid="official-account">
                <h2 id="official-account-title">{tr("微信公众号通知", "WeChat official account")}</h2>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match bound.await {
                            Ok(Some(since)) => view! {
                                {just_bound.then(|| view! {
                                    <p class="notice" role="status">{tr("绑定成功。", "Bound.")}</p>
                                })}
                                <p>{tr(
                                    "已绑定：审核退回和审核结果也会通过公众号通知您。",
                                    "Bound: returns for changes and review results also reach you through the official account."
                                )}" "<span class="muted">{tr("绑定于 ", "Since ")}<ChinaTimeText at=since/></span></p>
                                <form method="post" action="/auth/official-account/unbind">
                                    <button type="submit" class="button secondary">{tr("解除绑定", "Unbind")}</button>
                                </form>
                            }.into_any(),
                            _ => view! {
                                <p class="muted">{tr(
                                    "关注考试机构的微信公众号后，在微信中打开本页并绑定，审核退回和审核结果将同时通过公众号通知您。",
                                    "Follow the authority's official account, open this page inside WeChat and bind it: returns for changes and review results then reach you there too."
                                )}</p>
                                <a class="button secondary" href="/auth/official-account/start">{tr("绑定微信公众号", "Bind the WeChat account")}</a>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }
    })
}

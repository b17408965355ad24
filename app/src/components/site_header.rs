//! The top bar: the product name, the language switch, and who is signed in. Live on every page,
//! the candidate's included (`island_page`).

use leptos::prelude::*;

use crate::api::server_resource::server_resource;
use crate::api::{current_user, log_out};
use crate::components::registration_system_sign_in::SIGNED_OUT_OF_PROVIDER_SESSION;
use crate::i18n::{tr, use_lang, Lang};
use crate::island_page::{island_or_part, load_page, provide_island_contexts, switch_language};

/// An island on the candidate's pages, an ordinary part of the app on the staff's
/// (`island_page::island_or_part`).
#[component]
pub fn SiteHeader() -> impl IntoView {
    island_or_part(|| view! { <SiteHeaderIsland/> }, header)
}

#[island]
fn SiteHeaderIsland() -> impl IntoView {
    provide_island_contexts();
    header()
}

fn header() -> impl IntoView {
    let lang = use_lang();
    let user = server_resource(|| (), |_| current_user());
    let log_out_action = Action::new(move |_: &()| async move {
        if let Ok(from_provider) = log_out().await {
            crate::client::forget_offline_pages();
            // Signed in through the registration system: the log-in page offers its sign-out too.
            load_page(if from_provider { SIGNED_OUT_OF_PROVIDER_SESSION } else { "/login" });
        }
    });

    view! {
        <header class="site-header">
            <a class="brand" href="/">{tr("资格", "Zige")}<span class="brand-tail">{tr(" · 考生服务系统", " · Candidate services")}</span></a>
            <nav class="header-actions">
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| switch_language(lang.get().pick(Lang::En, Lang::Zh))
                >
                    {move || lang.get().pick("English", "中文")}
                </button>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(me)) => {
                                let is_admin = me.role == crate::domain::Role::Admin;
                                let reviews = me.role != crate::domain::Role::Candidate;
                                view! {
                                    {is_admin.then(|| view! { <a href="/admin">{tr("考试管理", "Administration")}</a> })}
                                    {reviews.then(|| view! { <a href="/review">{tr("材料审核", "Review")}</a> })}
                                    <NotificationsLink/>
                                    <a class="who" href="/account" title=tr("修改密码", "Change password") data-testid="signed-in-as">{me.name.clone()}</a>
                                    <button type="button" class="link-button" on:click=move |_| { log_out_action.dispatch(()); }>
                                        {tr("退出", "Log out")}
                                    </button>
                                }
                                    .into_any()
                            }
                            Ok(None) => {
                                // The server says nobody is signed in here (the session expired, or
                                // ended by a password reset elsewhere): the offline copy of the last
                                // person's pages and pictures goes too. (Offline, this answer never
                                // comes: the copy's own page says who was signed in.)
                                Effect::new(|_| crate::client::forget_offline_pages());
                                view! { <a href="/login">{tr("登录", "Log in")}</a> }.into_any()
                            }
                            Err(_) => view! { <a href="/login">{tr("登录", "Log in")}</a> }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

/// 通知, with how many are unread: counted in the browser once the page is live (the server
/// renders the link alone), so reading them or a new decision shows on the next page. (A staff
/// page's client-side changes do not count again: an island cannot watch a router it may lack.)
///
/// An effect, not a `LocalResource`: a local resource read while the server renders makes the
/// enclosing `Transition` give up, and the whole signed-in part of the header (name, 退出) was
/// sent empty, appearing only when the page's code had loaded.
#[component]
fn NotificationsLink() -> impl IntoView {
    let unread = RwSignal::new(0_u64);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(count) = crate::api::unread_notifications().await {
                unread.set(count);
            }
        });
    });
    let count = move || Some(unread.get()).filter(|n| *n > 0);
    view! {
        <a href="/notifications" data-testid="notifications-link">
            {tr("通知", "Notifications")}
            {move || count().map(|n| view! { <span class="badge unread" data-testid="unread-count">{n}</span> })}
        </a>
    }
}

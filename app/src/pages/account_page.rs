//! 账号: the signed-in person changes their password (every other signed-in device is signed out),
//! and downloads their data or deletes the account (`components::my_data`).

use leptos::prelude::*;

use crate::api::change_password;
use crate::components::error_note::ErrorNote;
use crate::domain::new_password::NewPassword;
use crate::i18n::{tr, use_lang};
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;

/// The page: the password island, and below it the plain, server-rendered data section.
#[component]
pub fn AccountPageView() -> impl IntoView {
    view! {
        <crate::components::candidate_menu::CandidateMenu current="/account"/>
        <AccountPage/>
        <crate::components::registration_system_sign_in::RegistrationSystemLink/>
        <crate::components::official_account_link::OfficialAccountLink/>
        <crate::components::id_validity_card::IdValidityCard/>
        <crate::components::my_data::MyData/>
    }
}

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn AccountPage => content, chunk account_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let lang = use_lang();
    let old_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(String, String)>);
    let change = Action::new(move |(old, new): &(String, String)| change_password(old.clone(), new.clone()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match NewPassword::parse("new_password", &new_password.get_untracked()) {
            Ok(_) => {
                problem.set(None);
                change.dispatch((old_password.get_untracked(), new_password.get_untracked()));
            }
            Err(error) => problem.set(Some((error.message_zh, error.message_en))),
        }
    };

    view! {
        <h1>{tr("修改密码", "Change password")}</h1>
        <form class="card form" method="post" on:submit=on_submit>
            <label>
                {tr("原密码", "Current password")}
                <input name="old_password" type="password" autocomplete="current-password" on:input=move |ev| old_password.set(event_target_value(&ev))/>
            </label>
            <label>
                {tr("新密码", "New password")}
                <input name="new_password" type="password" autocomplete="new-password" on:input=move |ev| new_password.set(event_target_value(&ev))/>
            </label>
            {move || problem.get().map(|(zh, en)| view! { <span class="field-error" role="alert">{lang.get().pick(zh, en)}</span> })}
            <button type="submit" class="button" disabled=move || change.pending().get()>{tr("修改密码", "Change password")}</button>
            {move || match change.value().get() {
                Some(Ok(())) => Some(view! { <p class="notice" role="status">{tr("密码已修改，其他设备上的登录已退出。", "Password changed; every other device has been signed out.")}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorNote error/> }.into_any()),
                None => None,
            }}
        </form>
    }
}

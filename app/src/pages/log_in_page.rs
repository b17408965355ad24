//! Log in with the ID number and password; staff go on to their second factor.

use leptos::prelude::*;

use crate::api::log_in;
use crate::auth_flow::after_sign_in;
use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::i18n::tr;
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;
use crate::models::account::SignInStep;

/// The page: the log-in island, and below it, where the installation offers it, the way in with
/// the registration system's account (server-rendered).
#[component]
pub fn LogInPageView() -> impl IntoView {
    view! {
        <LogInPage/>
        <crate::components::registration_system_sign_in::RegistrationSystemSignIn/>
    }
}

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn LogInPage => content, chunk log_in_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let id_number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = Action::new(move |(id, pw): &(String, String)| {
        let (id, pw) = (id.clone(), pw.clone());
        async move {
            let outcome = log_in(id, pw).await;
            match &outcome {
                Ok(SignInStep::SignedIn(me)) => after_sign_in(me.role),
                // Staff: the code from their authenticator comes next, on a page of its own.
                Ok(SignInStep::SecondFactor { .. }) => crate::auth_flow::to_second_factor(),
                Err(_) => {}
            }
            outcome
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit.dispatch((id_number.get_untracked(), password.get_untracked()));
    };

    view! {
        <h1>{tr("登录", "Log in")}</h1>
        <form class="card form" method="post" on:submit=on_submit>
            <label>
                {tr("证件号码", "Document number")}
                <input name="id_number" autocomplete="username" on:input=move |ev| id_number.set(event_target_value(&ev))/>
            </label>
            <label>
                {tr("密码", "Password")}
                <input name="password" type="password" autocomplete="current-password" on:input=move |ev| password.set(event_target_value(&ev))/>
            </label>
            <button type="submit" class="button" disabled=move || submit.pending().get()>{tr("登录", "Log in")}</button>
            {move || submit.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
            <p>{tr("还没有账号？", "No account yet? ")}<a href="/signup">{tr("注册", "Sign up")}</a>" · "<a href="/forgot">{tr("忘记密码", "Forgot password")}</a></p>
            <p>{tr("证件照不符合要求？", "ID photo not accepted? ")}<a href="/photo-tool">{tr("证件照处理", "Photo tool")}</a></p>
        </form>
    }
}

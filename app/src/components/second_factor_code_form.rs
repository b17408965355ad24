//! The form a staff member types the authenticator's code into (or a recovery code), judged by
//! the rule the server applies (`domain::second_factor_code`) before it is sent.

use leptos::prelude::*;

use crate::api::second_factor::give_second_factor;
use crate::components::error_note::ErrorNote;
use crate::domain::second_factor_code::SecondFactorCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::account::SecondFactorDone;

#[component]
pub fn SecondFactorCodeForm(
    /// What the button says ("验证并登录", "完成设置").
    submit_zh: &'static str,
    submit_en: &'static str,
    /// The field takes the focus as the page opens (signing in: it is all the page asks for; not
    /// when setting up, where the QR code comes first).
    #[prop(optional)]
    autofocus: bool,
    /// Called once the server took the code: the person is signed in.
    on_done: Callback<SecondFactorDone>,
) -> impl IntoView {
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(String, String)>);
    let send = Action::new(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let outcome = give_second_factor(typed).await;
            if let Ok(done) = outcome.clone() {
                // Once this action has stored its outcome: `on_done` may take the form, and this
                // action with it, off the page, and an action disposed while it finishes panics.
                leptos::task::spawn_local(async move { on_done.run(done) });
            }
            outcome
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        match SecondFactorCode::parse(&typed) {
            Ok(_) => {
                problem.set(None);
                send.dispatch(typed);
            }
            Err(e) => problem.set(Some((e.message_zh, e.message_en))),
        }
    };
    view! {
        <form class="card form" method="post" on:submit=on_submit>
            <label>
                {tr("验证码", "Code")}
                <input name="code" autofocus=autofocus autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" maxlength="16"
                    on:input=move |ev| code.set(event_target_value(&ev))/>
            </label>
            {move || problem.get().map(|(zh, en)| view! { <span class="field-error" role="alert">{lang.get().pick(zh, en)}</span> })}
            <button type="submit" class="button" disabled=move || send.pending().get()>{tr(submit_zh, submit_en)}</button>
            {move || send.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorNote error/> })}
        </form>
    }
}

//! 诚信承诺书: read it, tick that you agree, then 同意并进入下一步. Nothing else of the exam opens
//! before; the server records the moment of acceptance.

use leptos::prelude::*;

use crate::api::accept_pledge;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};

#[component]
pub fn PledgePanel(
    exam_code: ExamCode,
    pledge_zh: String,
    pledge_en: String,
    on_accepted: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let agreed = RwSignal::new(false);
    let accept = Action::new(move |code: &ExamCode| {
        let code = code.clone();
        async move {
            let outcome = accept_pledge(code).await;
            if outcome.is_ok() {
                on_accepted.run(());
            }
            outcome
        }
    });
    view! {
        <section class="card pledge" aria-labelledby="pledge-title">
            <h2 id="pledge-title">{tr("诚信承诺书", "Integrity pledge")}</h2>
            // A long pledge scrolls in its box (a phone's width makes 004's do so): the box takes
            // the focus, so a keyboard can scroll it too.
            <div class="pledge-text" tabindex="0" role="group" aria-labelledby="pledge-title">
                {move || lang.get().pick(pledge_zh.clone(), pledge_en.clone()).split('\n').map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=agreed on:change=move |ev| agreed.set(event_target_checked(&ev))/>
                {tr("我已认真阅读并同意以上承诺", "I have read the pledge above and agree to it")}
            </label>
            <button type="button" class="button" disabled=move || !agreed.get() || accept.pending().get()
                on:click=move |_| { accept.dispatch(exam_code.clone()); }>
                {tr("同意并进入下一步", "Agree and continue")}
            </button>
            {move || accept.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
        </section>
    }
    .into_any()
}

//! 系统使用咨询 on the candidate's exam page (seed 000, 四): the exam's help desk at the page's foot,
//! and, under an error on that page, whom to ask about it (`ErrorNote` reads the context).

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};

/// The exam's help desk in both languages, provided by the exam page to the errors shown in it.
#[derive(Clone, Debug, PartialEq)]
pub struct HelpDeskWords(pub (String, String));

#[component]
pub fn HelpDeskSection(words: (String, String)) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = words;
    view! {
        <section class="card help-desk" aria-labelledby="help-desk-title">
            <h2 id="help-desk-title">{tr("系统使用咨询", "Help with this system")}</h2>
            <p data-testid="help-desk">{move || lang.get().pick(zh.clone(), en.clone())}</p>
        </section>
    }
}

/// Under an error: whom to ask, where the exam page gave its help desk.
#[component]
pub fn HelpDeskUnderError() -> impl IntoView {
    let lang = use_lang();
    use_context::<HelpDeskWords>().map(|HelpDeskWords((zh, en))| {
        view! {
            <p class="muted help-desk-note" data-testid="help-desk-under-error">
                {move || lang.get().pick(format!("如需帮助：{zh}"), format!("For help: {en}"))}
            </p>
        }
    })
}

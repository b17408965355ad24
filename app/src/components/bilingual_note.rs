//! A sentence the server wrote in both languages (a listed candidate's own days, the registration
//! the registration system named), shown in the page's language.

use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn BilingualNote(words: (String, String), class: &'static str, testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = words;
    view! { <p class=class data-testid=testid>{move || lang.get().pick(zh.clone(), en.clone())}</p> }
}

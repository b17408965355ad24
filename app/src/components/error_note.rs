//! An error as a person reads it, in the current language.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_lang;

#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = (error.message_zh(), error.message_en());
    view! { <p class="error" role="alert">{move || lang.get().pick(zh.clone(), en.clone())}</p> }
}

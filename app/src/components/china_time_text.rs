//! A moment on a page: China's wall clock with the zone in the reader's language, following a
//! change of language like the words around it.

use leptos::prelude::*;

use crate::domain::china_time::ChinaTime;
use crate::i18n::use_lang;

#[component]
pub fn ChinaTimeText(at: ChinaTime) -> impl IntoView {
    let lang = use_lang();
    move || lang.get().pick(at.zh(), at.en())
}

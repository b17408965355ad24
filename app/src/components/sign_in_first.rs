//! What a candidate's own page says to someone signed out: log in first, and the way there.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn SignInFirst() -> impl IntoView {
    view! {
        <p>{tr("请先登录。", "Please log in first.")}</p>
        <a class="button" href="/login">{tr("登录", "Log in")}</a>
    }
}

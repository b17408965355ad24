//! The line of keys above the review screen, read off the same table the key handler uses.

use leptos::prelude::*;

use super::screen_keys::help_entries;
use crate::i18n::{tr, use_lang};

#[component]
pub fn KeyHelp() -> impl IntoView {
    let lang = use_lang();
    let entries = help_entries().into_iter().enumerate().map(|(i, entry)| {
        let keys = entry.keys.iter().map(|key| view! { <kbd>{key.clone()}</kbd>" " }).collect_view();
        view! { {(i > 0).then_some(" · ")}{keys}{move || entry.words(lang.get())} }
    });
    view! {
        <p class="keys muted" data-testid="key-help">{tr("键盘：", "Keys: ")}{entries.collect_view()}</p>
    }
    .into_any()
}

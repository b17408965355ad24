//! Every broken rule of a file, in the current language, with its code for support staff.

use leptos::prelude::*;

use crate::domain::Violation;
use crate::i18n::use_lang;

#[component]
pub fn ViolationList(violations: Vec<Violation>) -> impl IntoView {
    let lang = use_lang();
    view! {
        // The alert wraps the list: on the list itself the role would hide that it is a list.
        <div role="alert">
            <ul class="violations">
                {violations
                    .into_iter()
                    .map(|v| {
                        let code = v.code.as_str();
                        view! {
                            <li data-code=code>
                                {move || lang.get().pick(v.message_zh.clone(), v.message_en.clone())}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

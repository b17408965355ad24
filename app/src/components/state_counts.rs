//! Candidates per application state, as the administrator reads them.

use leptos::prelude::*;

use crate::domain::ApplicationState;
use crate::i18n::tr;

#[component]
pub fn StateCounts(counts: Vec<(ApplicationState, u64)>) -> impl IntoView {
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    view! {
        <ul class="state-counts">
            {ApplicationState::ENTERED.iter().copied().map(|state| {
                let n = counts.iter().find(|(s, _)| *s == state).map(|(_, n)| *n).unwrap_or(0);
                view! { <li data-state=state.as_str()>{tr(state.label_zh(), state.label_en())}": "{n}</li> }
            }).collect_view()}
            <li data-state="total">{tr("已进入", "Entered")}": "{total}</li>
        </ul>
    }
    .into_any()
}

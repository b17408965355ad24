//! The review screen's side: the candidate's personal form (with what the last return said about it and
//! whether it is marked now) and the application's history.

use leptos::prelude::*;

use super::form_readout::FormReadout;
use super::review_marks::FORM_KEY;
use super::screen_state::ReviewScreen;
use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::{tr, use_lang};
use crate::models::review::ReviewSheet;

#[component]
pub fn FormPane(sheet: ReviewSheet, screen: ReviewScreen) -> impl IntoView {
    let lang = use_lang();
    let marked = move || screen.marks.with(|m| m.0.contains_key(FORM_KEY));
    view! {
        <section class="card review-form" aria-label=tr("个人信息", "Personal information")>
            <h2>{tr("个人信息", "Personal information")}</h2>
            {sheet.form_flag.map(|f| view! {
                <p class="flag-note">{move || lang.get().pick(format!("上次退回：{}", f.text_zh()), format!("Last returned: {}", f.text_en()))}</p>
            })}
            {move || marked().then(|| view! {
                <p class="badge required" data-testid="form-marked">{tr("已标记需修改", "Marked for correction")}</p>
            })}
            <FormReadout definition=sheet.definition form=sheet.form position=sheet.position/>
            <h2>{tr("记录", "History")}</h2>
            <ol class="timeline">
                {sheet.history.into_iter().map(|entry| view! {
                    <li><time><ChinaTimeText at=entry.at.clone()/></time>" "{move || lang.get().pick(entry.message_zh.clone(), entry.message_en.clone())}</li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

//! The candidate's timeline, newest first: "2020-03-14 22:02 北京时间 毕业证编号无法辨别，请重新上传！".

use leptos::prelude::*;

use crate::components::china_time_text::ChinaTimeText;
use crate::i18n::{tr, use_lang};
use crate::models::feedback::TimelineEntry;

#[component]
pub fn TimelineList(entries: Vec<TimelineEntry>) -> impl IntoView {
    let lang = use_lang();
    (!entries.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr("审核记录", "Review messages")}</h2>
            <ol class="timeline" data-testid="timeline">
                {entries.into_iter().map(|entry| view! {
                    <li><time><ChinaTimeText at=entry.at.clone()/></time>" "{move || lang.get().pick(entry.message_zh.clone(), entry.message_en.clone())}</li>
                }).collect_view()}
            </ol>
        </section>
    })
}

//! 审核 (reviewers and administrators): the exams they review, with how many applications wait.

use leptos::prelude::*;

use crate::api::review::review_exams;
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::i18n::{tr, use_lang};
use crate::models::exam::phase_label;

#[component]
pub fn ReviewHomePage() -> impl IntoView {
    let lang = use_lang();
    let exams = server_resource(|| (), |_| review_exams());
    view! {
        <h1>{tr("材料审核", "Review")}</h1>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match exams.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{tr("您还没有被分配任何考试。", "No exam has been assigned to you yet.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="exam-list">
                            {rows.into_iter().map(|row| {
                                let (phase_zh, phase_en) = phase_label(row.phase);
                                let exam = row.exam.clone();
                                let awaiting = row.awaiting;
                                let on_site = row.on_site.then(|| format!("/on-site/{}", exam.code));
                                let title = move || lang.get().pick(exam.title_zh.clone(), exam.title_en.clone());
                                // Staff of the on-site check alone see the exam, not its queue.
                                let review = row.reviews.then(|| {
                                    let queue = format!("/review/exams/{}", row.exam.code);
                                    view! {
                                        <a href=queue>{title.clone()}</a>
                                        <span class="badge phase">{tr(phase_zh, phase_en)}</span>
                                        <span class="badge" data-testid="awaiting">{move || lang.get().pick(format!("待审核 {awaiting}"), format!("{awaiting} waiting"))}</span>
                                    }
                                });
                                let on_site_only = (!row.reviews).then(|| view! {
                                    <span>{title.clone()}</span>
                                    <span class="badge">{tr("仅现场报名台", "On-site check only")}</span>
                                });
                                view! {
                                    <li class="card exam-card">
                                        {review}
                                        {on_site_only}
                                        {on_site.map(|href| view! { <a class="button secondary" href=href>{tr("现场报名台", "On-site check")}</a> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

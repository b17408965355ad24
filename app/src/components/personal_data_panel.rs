//! 个人信息保留, on an exam's administration page (个人信息保护法): until when the candidates'
//! pictures and personal forms are kept, what a deletion would take now (the dry run: candidates,
//! pictures, forms, and the backups that hold them too), and, once the day has passed, 立即删除 —
//! which the server otherwise does on its own within the hour. Audited.

use leptos::prelude::*;

use crate::api::admin::{admin_delete_personal_data, admin_personal_data};
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::personal_data::PersonalDataHeld;

#[component]
pub fn PersonalDataPanel(code: ExamCode) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let held = server_resource(
        {
            let code = code.clone();
            move || (code.clone(), refresh.get())
        },
        |(code, _)| admin_personal_data(code),
    );
    let delete = Action::new({
        let code = code.clone();
        move |_: &()| {
            let code = code.clone();
            async move {
                let outcome = admin_delete_personal_data(code).await;
                refresh.update(|v| *v += 1);
                outcome
            }
        }
    });
    view! {
        <section class="card" aria-labelledby="personal-data-title" data-testid="personal-data">
            <h2 id="personal-data-title">{tr("个人信息保留", "Personal data retention")}</h2>
            <Transition fallback=|| ()>
                {move || held.get().map(|answer| match answer {
                    Ok(held) => view! { <HeldSummary held delete/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            {move || delete.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn HeldSummary(
    held: PersonalDataHeld,
    delete: Action<(), Result<PersonalDataHeld, crate::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let PersonalDataHeld { until, due, candidates, pictures, forms, backups } = held;
    let kept = match until.clone() {
        Some(day) => lang.get_untracked().pick(
            format!("保留至 {day}（考试配置文件中的 personal_data_until），过后由系统自动删除。"),
            format!("Kept until {day} (personal_data_until in the exam file), then deleted by the server."),
        ),
        None => lang.get_untracked().pick(
            "未设置保留期限：请在考试配置文件中写 personal_data_until = \"YYYY-MM-DD\"。".to_string(),
            "No retention date: write personal_data_until = \"YYYY-MM-DD\" in the exam file.".to_string(),
        ),
    };
    let dry_run = move || {
        lang.get().pick(
            format!("现存 {candidates} 名考生的 {pictures} 张图片和 {forms} 份个人信息表；删除后审核结果、缴费记录和审计日志保留。"),
            format!("Held now: {pictures} pictures and {forms} personal forms of {candidates} candidates; decisions, payments and the audit stay after deletion."),
        )
    };
    let backups_line = (!backups.is_empty()).then(|| {
        view! {
            <p>{tr("此前的备份仍含这些数据：", "Backups taken before still hold them:")}</p>
            <ul>{backups.into_iter().map(|(at, detail)| view! { <li><ChinaTimeText at/>" "{detail}</li> }).collect_view()}</ul>
        }
    });
    view! {
        <p data-testid="retention-until">{kept}</p>
        <p data-testid="retention-dry-run">{dry_run}</p>
        {backups_line}
        {(due && (pictures > 0 || forms > 0)).then(|| view! {
            <button type="button" class="button" disabled=move || delete.pending().get() on:click=move |_| { delete.dispatch(()); }>
                {tr("立即删除到期的个人信息", "Delete the expired personal data now")}
            </button>
        })}
    }
}

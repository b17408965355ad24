//! The top of the review screen: whose application it is, its state and round, the masked ID
//! number (revealing it writes an audit line), who else holds it, and the keys.

use leptos::prelude::*;

use super::key_help::KeyHelp;
use super::screen_state::ReviewScreen;
use crate::api::review::reveal_id_number;
use crate::i18n::{tr, use_lang};
use crate::models::review::ReviewSheet;

#[component]
pub fn ReviewHeader(sheet: ReviewSheet, screen: ReviewScreen, take_over: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let revealed = RwSignal::new(None::<String>);
    let application_id = sheet.application_id;
    let reveal = Action::new(move |_: &()| async move {
        match reveal_id_number(application_id).await {
            Ok(number) => revealed.set(Some(number)),
            Err(error) => screen.verdict.failure.set(Some(error)),
        }
    });
    let (state, round, name, exam) = (sheet.state, sheet.round, sheet.candidate_name, sheet.exam);
    let masked = sheet.id_number_masked;
    let held_by_someone_else = match (sheet.taken_by, sheet.taken_by_me, state.awaits_review()) {
        (Some(other), false, true) => Some(other),
        _ => None,
    };
    view! {
        <p><a href=screen.queue_path()>{tr("← 返回审核队列", "← Back to the queue")}</a></p>
        <h1>{move || lang.get().pick(format!("审核：{name}"), format!("Review: {name}"))}</h1>
        <p class="muted">{move || lang.get().pick(exam.title_zh.clone(), exam.title_en.clone())}</p>
        <p class="exam-status">
            <span class="badge state" data-testid="review-state">{tr(state.label_zh(), state.label_en())}</span>
            {(round > 1).then(|| view! {
                <span class="badge">{move || lang.get().pick(format!("第 {round} 次提交"), format!("Submission {round}"))}</span>
            })}
            <span data-testid="id-number">{move || revealed.get().unwrap_or_else(|| masked.clone())}</span>
            <button type="button" class="link-button" on:click=move |_| { reveal.dispatch(()); }>
                {tr("显示完整证件号（将记录）", "Show full ID number (logged)")}
            </button>
        </p>
        {held_by_someone_else.map(|other| view! {
            <p class="notice" role="status">
                {move || lang.get().pick(format!("{other} 正在审核此申请。"), format!("{other} is reviewing this application."))}
                <button type="button" class="button secondary" on:click=move |_| take_over.set(true)>{tr("接手审核", "Take over")}</button>
            </p>
        })}
        <KeyHelp/>
    }
    .into_any()
}

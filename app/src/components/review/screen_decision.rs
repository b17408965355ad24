//! Deciding at the review screen: the three decision buttons, the dialogs that mark an item or confirm a
//! decision, and the note once the decision is stored.

use leptos::prelude::*;

use super::decision_dialog::DecisionDialog;
use super::mark_dialog::MarkDialog;
use super::screen_state::{MarkTarget, ReviewScreen};
use super::screen_verdict::Decided;
use crate::domain::review_decision::{Decision, ReviewReason};
use crate::i18n::{tr, use_lang};

#[component]
pub fn DecisionButtons(screen: ReviewScreen) -> impl IntoView {
    let lang = use_lang();
    let marked = move || screen.marks.with(|m| m.replace_count());
    view! {
        <p class="actions decision-buttons">
            <button type="button" class="button" on:click=move |_| screen.verdict.propose(Decision::Approve)>{tr("审核通过 (Shift+A)", "Approve (Shift+A)")}</button>
            <button type="button" class="button secondary" on:click=move |_| screen.verdict.propose(screen.marks.get_untracked().return_decision())>
                {move || lang.get().pick(format!("退回修改 {} 项 (Shift+S)", marked()), format!("Return {} item(s) (Shift+S)", marked()))}
            </button>
            <button type="button" class="button danger" on:click=move |_| screen.verdict.propose(Decision::Reject { reason: String::new() })>
                {tr("不通过 (Shift+J)", "Reject (Shift+J)")}
            </button>
        </p>
    }
    .into_any()
}

/// "需更换" for the picture shown or the form, and the confirmation of a proposed decision.
#[component]
pub fn ReviewDialogs(screen: ReviewScreen) -> impl IntoView {
    let marking = move || {
        screen.marking.get().map(|target| {
            let (zh, en) = match (target, screen.current()) {
                (MarkTarget::ShownMaterial, Some(placed)) => (placed.caption_zh, placed.caption_en),
                _ => ("个人信息表".to_string(), "the personal form".to_string()),
            };
            let on_save = Callback::new(move |(reason, comment): (ReviewReason, String)| screen.save_mark(target, reason, comment));
            view! { <MarkDialog subject_zh=zh subject_en=en on_save on_cancel=Callback::new(move |_| screen.marking.set(None))/> }
        })
    };
    let confirming = move || {
        screen.verdict.pending.get().map(|decision| {
            let on_confirm = Callback::new(move |decision| screen.verdict.confirm(decision));
            view! { <DecisionDialog decision on_confirm on_cancel=Callback::new(move |_| screen.verdict.pending.set(None))/> }
        })
    };
    view! { {marking}{confirming} }.into_any()
}

/// "已保存：退回修改。按 N 打开下一份申请。"
#[component]
pub fn DecidedNote(decided: Decided) -> impl IntoView {
    let lang = use_lang();
    let Decided { decision, next } = decided;
    let then = move || match next {
        Some(_) => lang.get().pick("按 N 打开下一份申请。", " Press N for the next application."),
        None => lang.get().pick(
            "队列中没有等待审核的申请了；按 N 返回队列。",
            " Nothing else is waiting; press N to go back to the queue.",
        ),
    };
    view! {
        <p class="notice ok" role="status" data-testid="decided">
            {move || lang.get().pick(format!("已保存：{}。", decision.label_zh()), format!("Saved: {}.", decision.label_en()))}
            {then}
        </p>
    }
    .into_any()
}

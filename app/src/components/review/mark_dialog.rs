//! "Needs replacement": a reason code (keys 1–5 pick one) and a comment; Enter saves, Esc cancels.

use leptos::html::Select;
use leptos::prelude::*;

use crate::domain::review_decision::ReviewReason;
use crate::i18n::{tr, use_lang};

#[component]
pub fn MarkDialog(
    /// What is being marked, e.g. "毕业证书 第 1 张".
    subject_zh: String,
    subject_en: String,
    on_save: Callback<(ReviewReason, String)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(ReviewReason::Unclear);
    let comment = RwSignal::new(String::new());
    let select = NodeRef::<Select>::new();
    Effect::new(move |_| {
        if let Some(el) = select.get() {
            let _ = el.focus();
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        }
    });
    on_cleanup(move || keys.remove());
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(n) = ev.key().parse::<usize>().ok().filter(|n| (1..=ReviewReason::ALL.len()).contains(n)) {
            ev.prevent_default();
            reason.set(ReviewReason::ALL[n - 1]);
        }
    };
    view! {
        <form class="mark-dialog card" method="post" role="dialog" aria-label=tr("标记需更换", "Mark for replacement")
            on:submit=move |ev| { ev.prevent_default(); on_save.run((reason.get_untracked(), comment.get_untracked())); }>
            <p><strong>{move || lang.get().pick(format!("需更换：{subject_zh}"), format!("Needs replacement: {subject_en}"))}</strong></p>
            <label>
                {tr("原因（按 1–5 选择）", "Reason (keys 1–5)")}
                <select name="reason" node_ref=select on:keydown=on_key
                    prop:value=move || reason.get().as_str()
                    on:change=move |ev| if let Some(r) = ReviewReason::parse(&event_target_value(&ev)) { reason.set(r) }>
                    {ReviewReason::ALL.into_iter().enumerate().map(|(i, r)| view! {
                        <option value=r.as_str()>{move || lang.get().pick(format!("{} {}", i + 1, r.label_zh()), format!("{} {}", i + 1, r.label_en()))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {tr("说明（发给考生）", "Comment (sent to the candidate)")}
                <input name="comment" maxlength="200" prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))/>
            </label>
            <p class="actions">
                <button type="submit" class="button">{tr("保存标记（Enter）", "Save mark (Enter)")}</button>
                <button type="button" class="link-button" on:click=move |_| on_cancel.run(())>{tr("取消（Esc）", "Cancel (Esc)")}</button>
            </p>
        </form>
    }
    .into_any()
}

//! Confirms a decision before it is sent: Enter confirms, Esc cancels. A rejection asks for its
//! reason here.

use leptos::html::{Button, Input};
use leptos::prelude::*;

use crate::domain::review_decision::Decision;
use crate::i18n::{tr, use_lang};

#[component]
pub fn DecisionDialog(decision: Decision, on_confirm: Callback<Decision>, on_cancel: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let button = NodeRef::<Button>::new();
    let input = NodeRef::<Input>::new();
    let rejecting = matches!(decision, Decision::Reject { .. });
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        } else if let Some(el) = button.get() {
            let _ = el.focus();
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        }
    });
    on_cleanup(move || keys.remove());
    let (label_zh, label_en) = (decision.label_zh(), decision.label_en());
    let summary = match &decision {
        Decision::Return { flags } => {
            let n = flags.len();
            Some((
                format!("将退回 {n} 项给考生修改，其余材料保持锁定。"),
                format!("{n} item(s) go back to the candidate; everything else stays locked."),
            ))
        }
        _ => None,
    };
    let chosen = StoredValue::new(decision);
    view! {
        <form class="decision-dialog card" method="post" role="alertdialog" aria-label=tr("确认决定", "Confirm decision")
            on:submit=move |ev| {
                ev.prevent_default();
                let decision = match chosen.get_value() {
                    Decision::Reject { .. } => Decision::Reject { reason: reason.get_untracked() },
                    other => other,
                };
                on_confirm.run(decision);
            }>
            <p><strong>{move || lang.get().pick(format!("确认：{label_zh}？"), format!("Confirm: {label_en}?"))}</strong></p>
            {summary.map(|(zh, en)| view! { <p>{move || lang.get().pick(zh.clone(), en.clone())}</p> })}
            {rejecting.then(|| view! {
                <label>
                    {tr("不通过的原因（发给考生）", "Reason for rejection (sent to the candidate)")}
                    <input name="reject-reason" maxlength="200" node_ref=input prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
            })}
            <p class="actions">
                <button type="submit" class="button" node_ref=button>{tr("确认（Enter）", "Confirm (Enter)")}</button>
                <button type="button" class="link-button" on:click=move |_| on_cancel.run(())>{tr("取消（Esc）", "Cancel (Esc)")}</button>
            </p>
        </form>
    }
    .into_any()
}

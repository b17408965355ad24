//! The gateway notifications staff must settle, on the fees panel: money that arrived where no order
//! could take it (another amount, after the order was closed, a second time, for no known order).
//! Each is refunded or matched by hand outside Zige; here staff say how, and it leaves the list
//! (audited).

use leptos::prelude::*;

use crate::api::admin::{admin_flagged_payments, admin_settle_payment_flag};
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::domain::exam_fee::format_yuan;
use crate::domain::record_ids::ExamCode;
use crate::domain::staff_flag::flag_label;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::payment::FlaggedNotice;

#[component]
pub fn PaymentFlags(code: ExamCode) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<AppError>);
    let flags = server_resource(move || refresh.get(), move |_| admin_flagged_payments(code.clone()));
    let settle = Action::new(move |(id, note): &(i32, String)| {
        let (id, note) = (*id, note.clone());
        async move {
            match admin_settle_payment_flag(id, note).await {
                Ok(()) => failure.set(None),
                Err(error) => failure.set(Some(error)),
            }
            refresh.update(|v| *v += 1);
        }
    });
    view! {
        <div class="payment-flags">
            <h3>{tr("待处理的支付通知", "Payment notifications to settle")}</h3>
            <Transition fallback=|| ()>
                {move || flags.get().map(|listed| match listed {
                    Ok(notices) if notices.is_empty() => view! { <p class="muted">{tr("没有待处理的通知。", "Nothing to settle.")}</p> }.into_any(),
                    Ok(notices) => view! {
                        <ul class="flags">
                            {notices.into_iter().map(|notice| view! { <FlagRow notice settle/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </div>
    }
}

#[component]
fn FlagRow(notice: FlaggedNotice, settle: Action<(i32, String), ()>) -> impl IntoView {
    let lang = use_lang();
    let note = RwSignal::new(String::new());
    let (why_zh, why_en) = flag_label(&notice.outcome);
    let id = notice.id;
    let facts = format!("{} · {} · {} · ", notice.order_no, format_yuan(notice.amount_fen), notice.txn);
    let received_at = notice.received_at.clone();
    view! {
        <li class="flag" data-order=notice.order_no.clone()>
            <p><strong>{move || lang.get().pick(why_zh, why_en)}</strong>" "{facts}<ChinaTimeText at=received_at/></p>
            <label>{tr("处理方式（如：已原路退款）", "How it was settled (e.g. refunded to the payer)")}
                <input name=format!("settle_note_{id}") prop:value=note on:input=move |ev| note.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="button secondary" disabled=move || settle.pending().get() on:click=move |_| { settle.dispatch((id, note.get_untracked())); }>
                {tr("标记已处理", "Mark settled")}
            </button>
        </li>
    }
}

//! 未送达的消息 (texts, emails and 公众号 messages), on the administration page: what the outbox gave up on (a number the
//! gateway does not know, a template not yet approved, a text that may already have gone), with
//! the gateway's words. Once that is mended, 重新发送 queues the message again (audited); an
//! expired recovery code is not offered, its owner asks for a new one.

use leptos::prelude::*;

use crate::api::admin::{admin_resend_message, admin_undelivered_messages};
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::admin::UndeliveredMessage;

#[component]
pub fn UndeliveredMessages() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<AppError>);
    let listed = server_resource(move || refresh.get(), |_| admin_undelivered_messages());
    let resend = Action::new(move |id: &i32| {
        let id = *id;
        async move {
            match admin_resend_message(id).await {
                Ok(()) => failure.set(None),
                Err(error) => failure.set(Some(error)),
            }
            refresh.update(|v| *v += 1);
        }
    });
    view! {
        <section class="card" aria-labelledby="undelivered-title">
            <h2 id="undelivered-title">{tr("未送达的消息", "Messages not delivered")}</h2>
            <Transition fallback=|| ()>
                {move || listed.get().map(|answer| match answer {
                    Ok(rows) if rows.is_empty() => view! { <p class="muted">{tr("所有消息均已送达或正在发送。", "Every message was delivered or is on its way.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="admin-table">
                            <thead><tr>
                                <th>{tr("时间", "When")}</th><th>{tr("渠道", "Channel")}</th><th>{tr("收件人", "To")}</th>
                                <th>{tr("内容", "What")}</th><th>{tr("原因", "Why")}</th><th></th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|row| view! { <UndeliveredRow row resend/> }).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn UndeliveredRow(row: UndeliveredMessage, resend: Action<i32, ()>) -> impl IntoView {
    let lang = use_lang();
    let id = row.id;
    let (what_zh, what_en) = (row.what_zh, row.what_en);
    let channel = match row.channel.as_str() {
        "sms" => tr("短信", "Text"),
        "official_account" => tr("公众号", "Official account"),
        _ => tr("邮件", "Email"),
    };
    view! {
        <tr data-message=id.to_string()>
            <td><ChinaTimeText at=row.given_up_at/></td>
            <td>{channel}</td>
            <td>{row.recipient_masked}</td>
            <td>{move || lang.get().pick(what_zh.clone(), what_en.clone())}</td>
            <td>{row.reason}</td>
            <td>
                {row.can_resend.then(|| view! {
                    <button type="button" class="button secondary" disabled=move || resend.pending().get() on:click=move |_| { resend.dispatch(id); }>
                        {tr("重新发送", "Send again")}
                    </button>
                })}
            </td>
        </tr>
    }
}

//! 准考证核验 / Verify a ticket (`/verify`), for the staff at the exam hall's entrance: a scanner types the QR
//! code's text (or someone pastes it), and the page says valid, tampered or expired with what the
//! ticket vouches for. The check runs in this browser with the authority's public key, loaded
//! once with the page (every key it has signed with: a rotated key still vouches for its tickets): no request per ticket, and the answer does not depend on the server.

use leptos::prelude::*;

use crate::api::server_resource::server_resource;
use crate::api::ticket_public_keys;
use crate::client::now_seconds;
use crate::components::error_note::ErrorNote;
use crate::domain::ticket_code::{public_key_from_text, verify_ticket_with_any, TicketClaims, TicketVerdict};
use crate::i18n::{tr, use_lang};

#[component]
pub fn VerifyTicketPage() -> impl IntoView {
    let keys = server_resource(|| (), |_| ticket_public_keys());
    view! {
        <h1>{tr("准考证核验", "Verify an admission ticket")}</h1>
        <p class="muted">{tr(
            "用扫码枪扫描准考证上的二维码，或粘贴二维码内容。核验在本机完成，只需准考证签发机构的公钥。",
            "Scan the ticket's QR code with a scanner, or paste its text. The check runs on this device and needs only the issuing authority's public key.",
        )}</p>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match keys.await {
                    Ok(texts) => view! { <VerifyForm key_texts=texts/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn VerifyForm(key_texts: Vec<String>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<TicketVerdict>);
    let keys = StoredValue::new(key_texts.iter().filter_map(|text| public_key_from_text(text)).collect::<Vec<_>>());
    let check = move || {
        let judged = keys.with_value(|keys| verify_ticket_with_any(&code.get_untracked(), keys, now_seconds()));
        verdict.set(Some(judged));
    };
    let current_key = key_texts.first().cloned().unwrap_or_default();
    view! {
        <div class="card form verify-ticket">
            <label>{tr("二维码内容", "QR code text")}
                <textarea name="ticket_code" rows="3" prop:value=code
                    on:input=move |ev| { code.set(event_target_value(&ev)); verdict.set(None); }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); check(); }
                ></textarea>
            </label>
            <button type="button" class="button" on:click=move |_| check()>{tr("核验", "Verify")}</button>
            {move || verdict.get().map(|verdict| view! { <VerdictView verdict/> })}
            <p class="muted small">{tr("公钥：", "Public key: ")}<code>{current_key}</code></p>
        </div>
    }
}

#[component]
fn VerdictView(verdict: TicketVerdict) -> impl IntoView {
    let (class, zh, en, claims): (&str, &str, &str, Option<TicketClaims>) = match verdict {
        TicketVerdict::Valid(c) => ("ok", "有效", "Valid", Some(c)),
        TicketVerdict::Expired(c) => ("warn", "已过期：考试已结束", "Expired: the exam is over", Some(c)),
        TicketVerdict::Tampered => {
            ("error", "无效：内容被改动或不是本机构签发", "Not valid: altered, or not issued by this authority", None)
        }
        TicketVerdict::Unreadable => {
            ("error", "无法识别：这不是准考证二维码", "Unreadable: this is not an admission ticket's code", None)
        }
    };
    let lang = use_lang();
    view! {
        <div class=format!("notice {class}") role="status" data-testid="verdict">
            <p><strong>{move || lang.get().pick(zh, en)}</strong></p>
            {claims.map(|c| view! {
                <dl>
                    <dt>{tr("准考证号", "Ticket number")}</dt><dd>{c.ticket_no}</dd>
                    <dt>{tr("姓名", "Name")}</dt><dd>{c.name}</dd>
                    <dt>{tr("证件号码", "ID number")}</dt><dd>{c.id_masked}</dd>
                </dl>
            })}
        </div>
    }
}

//! The personal form's draft, kept as it is typed (issue 11): on this device first (IndexedDB,
//! 0.4 s after the last keystroke), then on the server (暂存 by itself, 3 s after, whenever the
//! browser is online, and again when the network comes back or when a busy server said to). The
//! page says where the draft is: 已保存在本机 or 已同步 hh:mm. Opening the page again brings back
//! typing the server never got; if the server's copy changed meanwhile (another device), both are
//! shown and the candidate chooses.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::save_application;
use crate::client::{clock_text, fetch_device_store_when_live, forget_draft, is_online, keep_draft, load_draft};
use crate::components::draft_choice::{draft_choice, TwoDrafts};
use crate::domain::personal_form::{FormField, FormValues};
use crate::domain::record_ids::ExamCode;
use crate::i18n::use_lang;
use crate::offline::device_draft::DeviceDraft;
use crate::offline::draft_sync::{DraftSync, Typed};
use crate::offline::draft_whereabouts::Whereabouts;

/// Waits before keeping a change on the device, and before sending it to the server.
const KEEP_AFTER: Duration = Duration::from_millis(400);
const SEND_AFTER: Duration = Duration::from_millis(3000);

#[component]
pub fn DraftKeeper(
    draft_key: String,
    exam_code: ExamCode,
    fields: Vec<FormField>,
    form: RwSignal<FormValues>,
    position: RwSignal<Option<String>>,
    /// What the server stored when the page loaded.
    server_form: FormValues,
    server_position: Option<String>,
    /// Moves on whenever 暂存 or 提交审核 stored the form by hand.
    saved_by_hand: RwSignal<u32>,
    whereabouts: RwSignal<Whereabouts>,
    /// Counts changes, so only the last of a burst is kept and sent (owned by the page: a timer
    /// may outlive this component).
    edits: RwSignal<u64>,
) -> impl IntoView {
    // Typing is kept on the device from the first keystroke, even if the network dies at once.
    fetch_device_store_when_live();
    let lang = use_lang();
    let key = StoredValue::new(draft_key);
    let code = StoredValue::new(exam_code);
    let sync = StoredValue::new(DraftSync::new(Typed { form: server_form, position: server_position }));
    let choice = RwSignal::new(None::<DeviceDraft>);
    let typed_now = move || Typed { form: form.get_untracked(), position: position.get_untracked() };
    // A busy server (503) named when to send again (deadline night's admission control).
    let resend = Trigger::new();
    let send_if_waiting = move || DraftSync::waits_to_be_sent(&whereabouts.get_untracked());

    // Timers and answers may arrive after this component was replaced (an upload reloads the
    // page): every value of its own is read with `try_`, and a gone component does nothing.
    let send = move || {
        let (Some(code), Some(key)) = (code.try_get_value(), key.try_get_value()) else { return };
        if !is_online() {
            return;
        }
        let sent = typed_now();
        whereabouts.set(Whereabouts::Sending);
        leptos::task::spawn_local(async move {
            let answer = save_application(code, sent.form.clone(), sent.position.clone(), false).await.map(|_| ());
            let answered = DraftSync::answered(&sent, answer.clone(), &typed_now(), &clock_text());
            if answer.is_ok() {
                let _ = sync.try_update_value(|sync| sync.stored(sent));
            }
            if answered.forget_device {
                forget_draft(&key).await;
            }
            if let Some(now) = answered.whereabouts {
                whereabouts.set(now);
            }
            if let Some(wait) = answered.send_again_after {
                set_timeout(move || resend.notify(), wait);
            }
        });
    };

    // A change counted: kept on the device after a pause in the typing, then sent after a longer one.
    let keep_then_send = move |typed: Typed| {
        edits.update(|n| *n += 1);
        let this_edit = edits.get_untracked();
        set_timeout(
            move || {
                if edits.get_untracked() != this_edit {
                    return;
                }
                let (Some(draft), Some(key)) =
                    (sync.try_with_value(|sync| sync.draft_of(typed, &clock_text())), key.try_get_value())
                else {
                    return;
                };
                leptos::task::spawn_local(async move {
                    let kept = keep_draft(&key, &draft).await.is_ok();
                    whereabouts.set(DraftSync::kept(&draft, kept));
                });
                set_timeout(
                    move || {
                        if edits.get_untracked() == this_edit {
                            send();
                        }
                    },
                    SEND_AFTER,
                );
            },
            KEEP_AFTER,
        );
    };

    // Once: reconcile the device's draft with the server's copy.
    Effect::new(move |_| {
        let draft_key = key.get_value();
        leptos::task::spawn_local(async move {
            let device = load_draft(&draft_key).await;
            let now = typed_now();
            let Some(loaded) = sync.try_update_value(|sync| sync.loaded(device, &now, &clock_text())) else { return };
            if loaded.forget_device {
                forget_draft(&draft_key).await;
            }
            if let Some(shown) = loaded.whereabouts {
                let _ = whereabouts.try_set(shown);
            }
            if let Some(typed) = loaded.bring_back {
                form.set(typed.form);
                position.set(typed.position);
            }
            let _ = choice.try_set(loaded.choose);
            if loaded.keep_typing {
                keep_then_send(now);
            } else if send_if_waiting() {
                send();
            }
        });
    });

    // Every change: kept on the device, then sent.
    Effect::new(move |previous: Option<()>| {
        let typed = Typed { form: form.get(), position: position.get() };
        if previous.is_none() || !sync.with_value(DraftSync::counts_changes) {
            return;
        }
        keep_then_send(typed);
    });

    // 暂存 or 提交审核 by hand: the server has it all.
    Effect::new(move |previous: Option<()>| {
        saved_by_hand.track();
        if previous.is_none() {
            return;
        }
        if let Some(now) = sync.try_update_value(|sync| sync.saved_by_hand(typed_now(), &clock_text())) {
            whereabouts.set(now);
        }
        let draft_key = key.get_value();
        leptos::task::spawn_local(async move { forget_draft(&draft_key).await });
    });

    Effect::new(move |previous: Option<()>| {
        resend.track();
        if previous.is_some() && send_if_waiting() {
            send();
        }
    });

    // The network is back: what waits on the device goes up (a send the network broke left the
    // typing on the device).
    let online = window_event_listener(leptos::ev::online, move |_| {
        if send_if_waiting() {
            send();
        }
    });
    on_cleanup(move || online.remove());

    let labels = StoredValue::new(fields);
    let use_device = move |()| {
        if let Some(draft) = choice.get_untracked() {
            choice.set(None);
            form.set(draft.form);
            position.set(draft.position);
        }
    };
    let use_server = move |()| {
        choice.set(None);
        let draft_key = key.get_value();
        leptos::task::spawn_local(async move { forget_draft(&draft_key).await });
    };
    view! {
        <p class="draft-status muted" role="status" data-testid="draft-status">{move || {
            let offline = !is_online();
            match whereabouts.get() {
                Whereabouts::AsLoaded => String::new(),
                Whereabouts::OnDevice(at) => lang.get().pick(
                    format!("已保存在本机（{at}），尚未同步到服务器{}", if offline { "；联网后会自动同步" } else { "" }),
                    format!("Saved on this device ({at}), not yet on the server{}", if offline { "; it is sent when the network is back" } else { "" }),
                ),
                Whereabouts::Sending => lang.get().pick("正在同步到服务器…".to_string(), "Sending to the server…".to_string()),
                Whereabouts::Synced(at) => lang.get().pick(format!("已同步 {at}"), format!("Synced at {at}")),
                Whereabouts::DeviceRefused => lang.get().pick(
                    "此浏览器不允许在本机保存草稿（例如无痕模式）：请联网时及时暂存".to_string(),
                    "This browser does not let the page keep a draft on the device (private browsing?): save your draft while online".to_string(),
                ),
                Whereabouts::ServerRefused(error) => lang.get().pick(
                    format!("已保存在本机；服务器没有接受：{}", error.message_zh()),
                    format!("Saved on this device; the server did not take it: {}", error.message_en()),
                ),
            }
        }}</p>
        {move || choice.get().map(|draft| {
            let server = sync.with_value(|sync| sync.server_copy().clone());
            draft_choice(TwoDrafts {
                draft,
                server,
                fields: labels,
                on_device: Callback::new(use_device),
                on_server: Callback::new(use_server),
            })
        })}
    }
    .into_any()
}

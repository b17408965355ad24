//! The personal form's draft, kept as it is typed (issue 11): on this device first (IndexedDB,
//! 0.4 s after the last keystroke), then on the server (暂存 by itself, 3 s after, whenever the
//! browser is online, and again when the network comes back or when a busy server said to). The
//! page says where the draft is: 已保存在本机 or 已同步 hh:mm. Opening the page again brings back
//! typing the server never got; if the server's copy changed meanwhile (another device), both are
//! shown and the candidate chooses.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::save_application;
use crate::client::{clock_text, forget_draft, is_online, keep_draft, load_draft};
use crate::domain::personal_form::{FormField, FormValues};
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::offline::device_draft::{differing_fields, reconcile, DeviceDraft, Reconciled, ServerCopy};
use crate::offline::draft_whereabouts::Whereabouts;

/// Waits before keeping a change on the device, and before sending it to the server.
const KEEP_AFTER: Duration = Duration::from_millis(400);
const SEND_AFTER: Duration = Duration::from_millis(3000);

#[component]
pub fn DraftKeeper(
    draft_key: String,
    exam_code: String,
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
    let lang = use_lang();
    let key = StoredValue::new(draft_key);
    let code = StoredValue::new(exam_code);
    // The fingerprint of the server's copy as last known: a draft records what it began from.
    let base = StoredValue::new(ServerCopy { form: &server_form, position: server_position.as_deref() }.fingerprint());
    let server_seen = StoredValue::new((server_form, server_position));
    let choice = RwSignal::new(None::<DeviceDraft>);
    // Changes count only once the device's draft was looked at, so the page's own first values
    // never overwrite a draft it has not read yet.
    let ready = StoredValue::new(false);
    // A busy server (503) named when to send again (deadline night's admission control).
    let resend = Trigger::new();

    // Timers and answers may arrive after this component was replaced (an upload reloads the
    // page): every value of its own is read with `try_`, and a gone component does nothing.
    let send = move || {
        let (Some(code), Some(key)) = (code.try_get_value(), key.try_get_value()) else { return };
        if !is_online() {
            return;
        }
        let (sent_form, sent_position) = (form.get_untracked(), position.get_untracked());
        whereabouts.set(Whereabouts::Sending);
        leptos::task::spawn_local(async move {
            match save_application(code, sent_form.clone(), sent_position.clone(), false).await {
                Ok(_) => {
                    let sent = ServerCopy { form: &sent_form, position: sent_position.as_deref() };
                    let _ = base.try_set_value(sent.fingerprint());
                    let _ = server_seen.try_set_value((sent_form.clone(), sent_position.clone()));
                    // Typing that came after this send stays on the device for the next one.
                    if form.get_untracked() == sent_form && position.get_untracked() == sent_position {
                        forget_draft(&key).await;
                        whereabouts.set(Whereabouts::Synced(clock_text()));
                    }
                }
                Err(AppError::Transport(_)) => whereabouts.set(Whereabouts::OnDevice(clock_text())),
                Err(AppError::Busy { retry_after_secs }) => {
                    whereabouts.set(Whereabouts::OnDevice(clock_text()));
                    set_timeout(move || resend.notify(), Duration::from_secs(retry_after_secs));
                }
                Err(error) => whereabouts.set(Whereabouts::ServerRefused(error)),
            }
        });
    };

    // Once: reconcile the device's draft with the server's copy.
    Effect::new(move |_| {
        let draft_key = key.get_value();
        leptos::task::spawn_local(async move {
            let device = load_draft(&draft_key).await;
            let Some(decided) = server_seen
                .try_with_value(|(f, p)| reconcile(device.as_ref(), &ServerCopy { form: f, position: p.as_deref() }))
            else {
                return;
            };
            match (decided, device) {
                (Reconciled::Device, Some(draft)) => {
                    whereabouts.set(Whereabouts::OnDevice(draft.changed_at.clone()));
                    form.set(draft.form);
                    position.set(draft.position);
                }
                (Reconciled::Choose, Some(draft)) => {
                    let _ = choice.try_set(Some(draft));
                }
                // The server holds what the device kept (an earlier send got through after all).
                (_, Some(_)) => {
                    forget_draft(&draft_key).await;
                    let _ = whereabouts.try_set(Whereabouts::Synced(clock_text()));
                }
                (_, None) => {}
            }
            let _ = ready.try_set_value(true);
            if matches!(whereabouts.get_untracked(), Whereabouts::OnDevice(_)) {
                send();
            }
        });
    });

    // Every change: kept on the device, then sent.
    Effect::new(move |previous: Option<()>| {
        let (typed, chosen) = (form.get(), position.get());
        if previous.is_none() || !ready.get_value() {
            return;
        }
        edits.update(|n| *n += 1);
        let this_edit = edits.get_untracked();
        set_timeout(
            move || {
                let (Some(began_from), Some(key)) = (base.try_get_value(), key.try_get_value()) else { return };
                if edits.get_untracked() != this_edit {
                    return;
                }
                let draft = DeviceDraft { form: typed, position: chosen, base: began_from, changed_at: clock_text() };
                leptos::task::spawn_local(async move {
                    let kept = keep_draft(&key, &draft).await;
                    whereabouts.set(match kept {
                        Ok(()) => Whereabouts::OnDevice(draft.changed_at.clone()),
                        Err(_) => Whereabouts::DeviceRefused,
                    });
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
    });

    // 暂存 or 提交审核 by hand: the server has it all.
    Effect::new(move |previous: Option<()>| {
        saved_by_hand.track();
        if previous.is_none() {
            return;
        }
        let (f, p) = (form.get_untracked(), position.get_untracked());
        base.set_value(ServerCopy { form: &f, position: p.as_deref() }.fingerprint());
        server_seen.set_value((f, p));
        whereabouts.set(Whereabouts::Synced(clock_text()));
        let draft_key = key.get_value();
        leptos::task::spawn_local(async move { forget_draft(&draft_key).await });
    });

    Effect::new(move |previous: Option<()>| {
        resend.track();
        if previous.is_some() && matches!(whereabouts.get_untracked(), Whereabouts::OnDevice(_)) {
            send();
        }
    });

    // The network is back: what waits on the device goes up.
    let online = window_event_listener(leptos::ev::online, move |_| {
        // (A send the network broke left the typing OnDevice.)
        if matches!(whereabouts.get_untracked(), Whereabouts::OnDevice(_)) {
            send();
        }
    });
    on_cleanup(move || online.remove());

    let labels = StoredValue::new(fields);
    let label_of = move |key: &str| {
        labels.with_value(|fields| {
            fields
                .iter()
                .find(|f| f.key == key)
                .map_or((key.to_string(), key.to_string()), |f| (f.label_zh.clone(), f.label_en.clone()))
        })
    };
    let use_device = move |_| {
        if let Some(draft) = choice.get_untracked() {
            choice.set(None);
            form.set(draft.form);
            position.set(draft.position);
        }
    };
    let use_server = move |_| {
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
            let rows = server_seen.with_value(|(f, p)| differing_fields(&draft, &ServerCopy { form: f, position: p.as_deref() }));
            let position_differs = server_seen.with_value(|(_, p)| *p != draft.position);
            let at = draft.changed_at.clone();
            view! {
                <section class="card draft-choice" role="alertdialog" aria-labelledby="draft-choice-title" data-testid="draft-choice">
                    <h2 id="draft-choice-title">{tr("有两份不同的草稿", "There are two different drafts")}</h2>
                    <p>{move || lang.get().pick(
                        format!("这台设备上有 {at} 未同步的修改，而服务器上的草稿在别处（另一台设备或窗口）改过。请选择保留哪一份，另一份将被丢弃。"),
                        format!("This device holds changes from {at} the server never got, and the server's draft was changed elsewhere (another device or window). Choose which to keep; the other is discarded."),
                    )}</p>
                    <table class="draft-diff">
                        <thead><tr><th scope="col">{tr("项目", "Item")}</th><th scope="col">{tr("本机", "This device")}</th><th scope="col">{tr("服务器", "Server")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(key, mine, theirs)| {
                                let (zh, en) = label_of(&key);
                                view! { <tr><th scope="row">{move || lang.get().pick(zh.clone(), en.clone())}</th><td>{mine}</td><td>{theirs}</td></tr> }
                            }).collect_view()}
                            {position_differs.then(|| view! { <tr><th scope="row">{tr("报考职位", "Position")}</th><td>{draft.position.clone().unwrap_or_default()}</td><td>{server_seen.with_value(|(_, p)| p.clone().unwrap_or_default())}</td></tr> })}
                        </tbody>
                    </table>
                    <p class="actions">
                        <button type="button" class="button" on:click=use_device>{tr("保留本机的修改", "Keep this device's changes")}</button>
                        <button type="button" class="button secondary" on:click=use_server>{tr("保留服务器上的草稿", "Keep the server's draft")}</button>
                    </p>
                </section>
            }
        })}
    }
    .into_any()
}

//! The choice between two drafts (issue 11): the device holds typing the server never got, and the
//! server's copy was changed elsewhere meanwhile; the two are shown field by field and the
//! candidate keeps one. Drawn by the chunk of the device's records (`device_records`): it is shown
//! only once the device's draft has been read, so the chunk is here by then, and no page's first
//! load carries it.

use leptos::prelude::*;

use crate::domain::personal_form::FormField;
use crate::offline::device_draft::DeviceDraft;
use crate::offline::draft_sync::Typed;

/// The two drafts and what keeping each does.
#[derive(Clone)]
pub struct TwoDrafts {
    /// The device's.
    pub draft: DeviceDraft,
    /// The server's copy as last known.
    pub server: Typed,
    /// The form's fields, which name the rows.
    pub fields: StoredValue<Vec<FormField>>,
    pub on_device: Callback<()>,
    pub on_server: Callback<()>,
}

/// The choice between the two drafts, once its code is here.
pub fn draft_choice(drafts: TwoDrafts) -> AnyView {
    #[cfg(feature = "hydrate")]
    {
        use crate::components::on_demand::{on_demand, Texts};
        const CHOICE: Texts = Texts {
            loading: ("正在比较两份草稿…", "Comparing the two drafts…"),
            missing: (
                "比较草稿的程序尚未下载到本机，请联网后重试。",
                "The code that compares the drafts is not on this device yet; try again when online.",
            ),
        };
        on_demand(CHOICE, Box::new(move || Box::pin(in_chunk::drawn(drafts.clone()))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        drawn(drafts)
    }
}

#[cfg(feature = "hydrate")]
mod in_chunk {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::SplitLoaderError;

    use super::TwoDrafts;

    #[leptos::wasm_split::wasm_split(device_records, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn drawn(drafts: TwoDrafts) -> Result<AnyView, SplitLoaderError> {
        Ok(super::drawn(drafts))
    }
}

fn drawn(drafts: TwoDrafts) -> AnyView {
    use crate::i18n::{tr, use_lang};
    use crate::offline::device_draft::{differing_fields, ServerCopy};

    let TwoDrafts { draft, server, fields, on_device, on_server } = drafts;
    let lang = use_lang();
    let label_of = move |key: &str| {
        fields.with_value(|fields| {
            fields
                .iter()
                .find(|f| f.key == key)
                .map_or((key.to_string(), key.to_string()), |f| (f.label_zh.clone(), f.label_en.clone()))
        })
    };
    let rows = differing_fields(&draft, &ServerCopy { form: &server.form, position: server.position.as_deref() });
    let position_differs = server.position != draft.position;
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
                    {position_differs.then(|| view! { <tr><th scope="row">{tr("报考职位", "Position")}</th><td>{draft.position.clone().unwrap_or_default()}</td><td>{server.position.clone().unwrap_or_default()}</td></tr> })}
                </tbody>
            </table>
            <p class="actions">
                <button type="button" class="button" on:click=move |_| on_device.run(())>{tr("保留本机的修改", "Keep this device's changes")}</button>
                <button type="button" class="button secondary" on:click=move |_| on_server.run(())>{tr("保留服务器上的草稿", "Keep the server's draft")}</button>
            </p>
        </section>
    }
    .into_any()
}

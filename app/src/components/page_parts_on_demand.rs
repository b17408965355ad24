//! Parts of the exam page that only some candidates see, or only when asked, loaded on demand
//! (`on_demand`): the rows of 高等教育学历, which only an exam that asks for diplomas has, and the
//! lightbox of 查看 and 上传示例, drawn when a picture is opened. Their code is in chunks of their
//! own (the lightbox's `page_parts`; the rows' editor and the form's rules `form_parts`), which the
//! page also keeps for offline use once the offline copy keeps what the page fetches (the lightbox
//! shows the pictures the copy kept). The fee is drawn by the server (`fee_card`).

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::client::keep_for_offline;
use crate::components::lightbox::LightboxItem;
#[cfg(feature = "hydrate")]
use crate::components::on_demand::{on_demand, Texts};
use crate::domain::personal_form::{FieldRules, FormValues};

/// [`DiplomaRowsEditor`](crate::components::diploma_rows_editor::DiplomaRowsEditor), once its
/// code is here (`diploma_rows_field` draws it when the candidate asks to add or change a row, or
/// where the form holds one).
/// What is typed lives in the form's values, which the page keeps offline.
pub fn diploma_rows_on_demand(field_key: String, values: RwSignal<FormValues>) -> AnyView {
    #[cfg(feature = "hydrate")]
    {
        on_demand(DIPLOMA_ROWS, Box::new(move || Box::pin(chunk::diploma_rows(field_key.clone(), values))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (field_key, values);
        ().into_any()
    }
}

/// The rules of the fields only some forms have (`field_rules_on_demand`); none while the chunk
/// cannot arrive.
pub async fn field_rules() -> Option<FieldRules> {
    #[cfg(feature = "hydrate")]
    {
        chunk::field_rules().await.ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// [`Lightbox`](crate::components::lightbox::Lightbox), once its code is here.
#[component]
pub fn LightboxOnDemand(
    items: Vec<LightboxItem>,
    start: usize,
    on_close: Callback<()>,
    label: (&'static str, &'static str),
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        on_demand(LIGHTBOX, Box::new(move || Box::pin(chunk::lightbox(items.clone(), start, on_close, label))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (items, start, on_close, label);
    }
}

/// Fetches the chunk in the background for the page to have it offline later; called by the
/// exam page's workspace.
pub fn keep_page_parts_for_offline() {
    #[cfg(feature = "hydrate")]
    keep_for_offline(|| {
        Box::pin(async {
            let _ = chunk::preload().await;
            let _ = chunk::preload_form_parts().await;
        })
    });
}

#[cfg(feature = "hydrate")]
const DIPLOMA_ROWS: Texts = Texts {
    loading: ("正在载入学历表…", "Loading the diploma rows…"),
    missing: (
        "学历表需要联网才能载入，联网后自动载入。",
        "The diploma rows need the network to load; they load when the network returns.",
    ),
};

#[cfg(feature = "hydrate")]
const LIGHTBOX: Texts = Texts {
    loading: ("正在打开图片…", "Opening the picture…"),
    missing: (
        "图片查看尚未下载到本机，联网后自动载入。",
        "The picture viewer is not on this phone yet; it loads when the network returns.",
    ),
};

/// The parts' code: each function is an entry into the `page_parts` chunk, or `form_parts` for the
/// form's.
#[cfg(feature = "hydrate")]
mod chunk {
    use leptos::prelude::*;
    use leptos::wasm_split::SplitLoaderError;

    use crate::components::diploma_rows_editor::DiplomaRowsEditor;
    use crate::components::lightbox::{Lightbox, LightboxItem};
    use crate::domain::personal_form::{FieldRules, FormValues};
    use crate::i18n::tr;

    // The form's parts are a chunk of their own (`form_parts`): a page that shows a picture does
    // not fetch the rows' editor and the form's rules with it.
    #[leptos::wasm_split::wasm_split(form_parts, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_form_parts))]
    pub fn diploma_rows(field_key: String, values: RwSignal<FormValues>) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <DiplomaRowsEditor field_key values/> }.into_any())
    }

    #[leptos::wasm_split::wasm_split(form_parts, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn field_rules() -> Result<FieldRules, SplitLoaderError> {
        Ok(FieldRules::all())
    }

    #[leptos::wasm_split::wasm_split(page_parts, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
    pub fn lightbox(
        items: Vec<LightboxItem>,
        start: usize,
        on_close: Callback<()>,
        label: (&'static str, &'static str),
    ) -> Result<AnyView, SplitLoaderError> {
        Ok(view! { <Lightbox items start on_close label=tr(label.0, label.1)/> }.into_any())
    }
}

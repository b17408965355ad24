//! 上传示例: a category's example pictures in the lightbox, paged with ← →.

use leptos::prelude::*;

use crate::components::lightbox::LightboxItem;
use crate::components::page_parts_on_demand::LightboxOnDemand;
use crate::domain::record_ids::ExamCode;
use crate::domain::CategoryDefinition;
use crate::i18n::tr;

#[component]
pub fn ExamplesButton(exam_code: ExamCode, category: CategoryDefinition) -> impl IntoView {
    let open = RwSignal::new(false);
    let items: Vec<LightboxItem> = category
        .examples
        .iter()
        .map(|e| LightboxItem {
            url: format!("/api/exams/{exam_code}/examples/{}", e.file.trim_start_matches("examples/")),
            alt: e.caption_zh.clone(),
            caption_zh: e.caption_zh.clone(),
            caption_en: e.caption_en.clone(),
        })
        .collect();
    let has_examples = !items.is_empty();
    let items = StoredValue::new(items);
    view! {
        {has_examples.then(|| view! {
            <button type="button" class="link-button examples-button" on:click=move |_| open.set(true)>{tr("上传示例", "Examples")}</button>
        })}
        {move || open.get().then(|| view! {
            <LightboxOnDemand items=items.get_value() start=0 label=("上传示例", "Examples") on_close=Callback::new(move |_| open.set(false))/>
        })}
    }
    .into_any()
}

//! One material category: its name, whether it is required, its rules in plain words, what is
//! uploaded, and the form to add more.

use leptos::prelude::*;

use crate::components::lightbox::Lightbox;
use crate::components::material_list::MaterialList;
use crate::components::upload_form::UploadForm;
use crate::i18n::{tr, use_lang};
use crate::models::CategoryWithMaterials;

#[component]
pub fn CategoryCard(exam_code: String, category: CategoryWithMaterials, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let viewing = RwSignal::new(None::<usize>);
    let definition = category.definition.clone();
    let rules = definition.rules.clone();
    let (rules_zh, rules_en) = (rules.describe_zh().join("，"), rules.describe_en().join(", "));
    let (name_zh, name_en) = (definition.name_zh.clone(), definition.name_en.clone());
    let region_label = { let (zh, en) = (name_zh.clone(), name_en.clone()); move || lang.get().pick(zh.clone(), en.clone()) };
    let count = category.materials.len();
    let materials = category.materials.clone();
    let lightbox_materials = StoredValue::new(category.materials.clone());

    view! {
        <section class="category card" data-category=definition.code.clone() aria-label=region_label>
            <header class="category-header">
                <h3>{move || lang.get().pick(name_zh.clone(), name_en.clone())}</h3>
                {if rules.required {
                    view! { <span class="badge required">{tr("必传", "Required")}</span> }.into_any()
                } else {
                    view! { <span class="badge">{tr("选传", "Optional")}</span> }.into_any()
                }}
                <span class="count">{move || lang.get().pick(format!("已上传 {count} 张"), format!("{count} uploaded"))}</span>
            </header>
            <p class="rules">{move || lang.get().pick(rules_zh.clone(), rules_en.clone())}</p>
            <MaterialList materials on_view=Callback::new(move |i| viewing.set(Some(i))) on_changed/>
            <UploadForm
                exam_code
                category_code=definition.code.clone()
                rules
                already_uploaded=count as u32
                next_seq_no=category.next_free_seq_no()
                on_uploaded=on_changed
            />
            {move || viewing.get().map(|start| view! {
                <Lightbox materials=lightbox_materials.get_value() start on_close=Callback::new(move |_| viewing.set(None))/>
            })}
        </section>
    }
    .into_any()
}

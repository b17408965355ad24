//! One material category: its name, whether it is required and how many it needs, what to
//! photograph, its rules and advice in plain words, its examples, what is uploaded, and — while
//! the application is editable — the form to add more.

use leptos::prelude::*;

use crate::components::examples_button::ExamplesButton;
use crate::components::lightbox::LightboxItem;
use crate::components::material_list::MaterialList;
use crate::components::page_parts_on_demand::LightboxOnDemand;
use crate::components::pending_queue::PendingQueue;
use crate::components::queued_list::QueuedList;
use crate::components::required_now::{required_badge, requiredness_of};
use crate::components::requirement_text::RequirementText;
use crate::components::upload_form::UploadForm;
use crate::domain::record_ids::ExamCode;
use crate::domain::required_when::Requiredness;
use crate::i18n::use_lang;
use crate::models::candidate::CategoryWithMaterials;

#[component]
pub fn CategoryCard(
    exam_code: ExamCode,
    category: CategoryWithMaterials,
    editable: bool,
    #[prop(optional)] revising: bool,
) -> impl IntoView {
    let lang = use_lang();
    let queue = expect_context::<PendingQueue>();
    let viewing = RwSignal::new(None::<usize>);
    let definition = category.definition.clone();
    let (name_zh, name_en) = (definition.name_zh.clone(), definition.name_en.clone());
    let region_label = {
        let (zh, en) = (name_zh.clone(), name_en.clone());
        move || lang.get().pick(zh.clone(), en.clone())
    };
    let count = category.materials.len();
    // Required of everyone, of this candidate for a reason (`required_when`), or optional: judged
    // again as the position and the form change.
    let requiredness = requiredness_of(&definition);
    let needed = {
        let definition = definition.clone();
        move || definition.needed_count(requiredness.with(Requiredness::is_required))
    };
    let taken: Vec<u32> = category.materials.iter().map(|m| m.seq_no).collect();
    let items: Vec<LightboxItem> = category
        .materials
        .iter()
        .map(|m| {
            let slot = definition.slot(m.seq_no);
            let suffix = |name: Option<&String>| name.map(|n| format!(" · {n}")).unwrap_or_default();
            LightboxItem {
                url: m.file_url(),
                alt: m.original_name.clone(),
                caption_zh: format!("顺序号 {}{}", m.seq_no, suffix(slot.map(|s| &s.name_zh))),
                caption_en: format!("seq. no. {}{}", m.seq_no, suffix(slot.map(|s| &s.name_en))),
            }
        })
        .collect();
    let items = StoredValue::new(items);

    view! {
        <section class="category card" data-category=definition.code.clone() aria-label=region_label>
            <header class="category-header">
                <h3>{move || lang.get().pick(name_zh.clone(), name_en.clone())}</h3>
                {required_badge(requiredness)}
                <ExamplesButton exam_code=exam_code.clone() category=definition.clone()/>
                <span class="count">{move || match needed() {
                    0 => lang.get().pick(format!("已上传 {count} 张"), format!("{count} uploaded")),
                    need => lang.get().pick(format!("已上传 {count} 张 / 需 {need} 张"), format!("{count} of {need} uploaded")),
                }}</span>
            </header>
            <RequirementText category=definition.clone()/>
            <MaterialList
                category=definition.clone()
                materials=category.materials.clone()
                editable
                revising
                on_view=Callback::new(move |i| viewing.set(Some(i)))
            />
            <QueuedList category=definition.code.clone()/>
            // Seed 002's photo: checked as it prints and confirmed on the server's page, then locked.
            {(editable && definition.confirmed_once && category.materials.iter().any(|m| !m.locked)).then(|| {
                let (zh, en) = (format!("核对并确认{}", definition.name_zh), format!("Check and confirm the {}", definition.name_en));
                view! {
                    <p class="toolbar">
                        <a class="button" href=format!("/exams/{exam_code}/confirm/{}", definition.code)>{move || lang.get().pick(zh.clone(), en.clone())}</a>
                    </p>
                }
            })}
            {editable.then(|| {
                // Places waiting in the pending queue are taken too; the form is drawn again when they change.
                let code = definition.code.clone();
                let queued = Memo::new(move |_| queue.queued_places(&code));
                let definition = definition.clone();
                move || {
                    let waiting: Vec<u32> = queued.get().into_iter().filter(|n| !taken.contains(n)).collect();
                    let taken: Vec<u32> = taken.iter().copied().chain(waiting).collect();
                    let next = (1..).find(|n| !taken.contains(n)).unwrap_or(1);
                    view! { <UploadForm category=definition.clone() taken next_seq_no=next/> }
                }
            })}
            {move || viewing.get().map(|start| view! {
                <LightboxOnDemand items=items.get_value() start label=("查看材料", "View materials") on_close=Callback::new(move |_| viewing.set(None))/>
            })}
        </section>
    }
    .into_any()
}

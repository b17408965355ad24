//! 查看上传材料要求清单: every category, required or not (and why, for one only some must upload), its rules in plain
//! words and its examples.

use leptos::prelude::*;

use crate::components::examples_button::ExamplesButton;
use crate::components::required_now::{required_badge, requiredness_of};
use crate::components::requirement_text::RequirementText;
use crate::domain::record_ids::ExamCode;
use crate::domain::CategoryDefinition;
use crate::i18n::{tr, use_lang};

#[component]
pub fn RequirementsList(exam_code: ExamCode, categories: Vec<CategoryDefinition>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card requirements-list" aria-labelledby="requirements-title">
            <h2 id="requirements-title">{tr("上传材料要求清单", "Material requirements")}</h2>
            <ol>
                {categories.into_iter().map(|c| {
                    let (zh, en) = (c.name_zh.clone(), c.name_en.clone());
                    let code = c.code.clone();
                    let badge = required_badge(requiredness_of(&c));
                    let group = c.group_zh.clone().map(|g| (g, c.group_en.clone().unwrap_or_default()));
                    view! {
                        <li data-category=code>
                            <strong>
                                {group.map(|(gz, ge)| view! { <span class="muted">{move || lang.get().pick(format!("{gz} › "), format!("{ge} › "))}</span> })}
                                {move || lang.get().pick(zh.clone(), en.clone())}
                            </strong>
                            " "
                            {badge}
                            <ExamplesButton exam_code=exam_code.clone() category=c.clone()/>
                            <RequirementText category=c/>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

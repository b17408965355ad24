//! 查看已上传材料清单: per category, what is uploaded and what is still missing.

use leptos::prelude::*;

use crate::components::required_now::requiredness_of;
use crate::domain::completeness::{category_shortfall, Shortfall};
use crate::domain::required_when::Requiredness;
use crate::i18n::{tr, use_lang};
use crate::models::candidate::CategoryWithMaterials;

#[component]
pub fn UploadedSummary(categories: Vec<CategoryWithMaterials>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card uploaded-summary" aria-labelledby="uploaded-title">
            <h2 id="uploaded-title">{tr("已上传材料清单", "Uploaded materials")}</h2>
            <table>
                <thead><tr>
                    <th>{tr("材料", "Material")}</th>
                    <th>{tr("已上传", "Uploaded")}</th>
                    <th>{tr("状态", "Status")}</th>
                </tr></thead>
                <tbody>
                    {categories.into_iter().map(|c| {
                        let d = c.definition.clone();
                        // As the position and the form stand when the list is opened.
                        let count = c.materials.len() as u32;
                        let seq_nos: Vec<u32> = c.materials.iter().map(|m| m.seq_no).collect();
                        // Both languages now, so the closure below owns plain strings.
                        let required = requiredness_of(&d).with_untracked(Requiredness::is_required);
                        let shortfall = category_shortfall(&d, &seq_nos, required);
                        let complete = shortfall == Shortfall::Nothing;
                        let (status_zh, status_en) = match shortfall {
                            Shortfall::Slots(slots) => (
                                format!("缺少{}", slots.iter().map(|s| s.name_zh.as_str()).collect::<Vec<_>>().join("、")),
                                format!("missing: {}", slots.iter().map(|s| s.name_en.as_str()).collect::<Vec<_>>().join(", ")),
                            ),
                            Shortfall::Materials { need, have } => (format!("还缺 {} 张", need - have), format!("{} more needed", need - have)),
                            Shortfall::Nothing if !required && count == 0 => ("选传，未上传".to_string(), "optional, none".to_string()),
                            Shortfall::Nothing => ("齐全".to_string(), "complete".to_string()),
                        };
                        let status = move || lang.get().pick(status_zh.clone(), status_en.clone());
                        let (zh, en) = (d.name_zh.clone(), d.name_en.clone());
                        view! {
                            <tr data-category=d.code.clone() class:missing=!complete>
                                <td>{move || lang.get().pick(zh.clone(), en.clone())}</td>
                                <td>{count}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}

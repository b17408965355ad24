//! 查看已上传材料清单: per category, what is uploaded and what is still missing.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::models::CategoryWithMaterials;

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
                        let count = c.materials.len() as u32;
                        let missing_slots: Vec<(String, String)> = if d.rules.required {
                            d.slots.iter().enumerate().filter(|(i, _)| !c.materials.iter().any(|m| m.seq_no == *i as u32 + 1)).map(|(_, s)| (s.name_zh.clone(), s.name_en.clone())).collect()
                        } else {
                            Vec::new()
                        };
                        let need = d.required_count();
                        let complete = missing_slots.is_empty() && count >= need;
                        let status = move || {
                            let l = lang.get();
                            if !missing_slots.is_empty() {
                                let zh = missing_slots.iter().map(|s| s.0.as_str()).collect::<Vec<_>>().join("、");
                                let en = missing_slots.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(", ");
                                l.pick(format!("缺少{zh}"), format!("missing: {en}"))
                            } else if count < need {
                                l.pick(format!("还缺 {} 张", need - count), format!("{} more needed", need - count))
                            } else if need == 0 && count == 0 {
                                l.pick("选传，未上传".to_string(), "optional, none".to_string())
                            } else {
                                l.pick("齐全".to_string(), "complete".to_string())
                            }
                        };
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

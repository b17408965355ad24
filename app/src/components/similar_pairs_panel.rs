//! 相似材料, on an exam's administration page: pictures of this exam that another candidate
//! handed in too (this exam or another), each pair with both pictures and both applications, as
//! the reviewer's assistant found them. A fact to look into, never a decision.

use leptos::prelude::*;

use crate::api::admin::admin_similar_pictures;
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::picture_findings::{PairSide, SimilarPair};

#[component]
pub fn SimilarPairsPanel(code: ExamCode) -> impl IntoView {
    let pairs = server_resource(move || code.clone(), admin_similar_pictures);
    view! {
        <section class="card" aria-labelledby="similar-title" data-testid="similar-pairs">
            <h2 id="similar-title">{tr("相似材料", "Same document from two people")}</h2>
            <Transition fallback=|| ()>
                {move || pairs.get().map(|answer| match answer {
                    Ok(pairs) if pairs.is_empty() => view! {
                        <p class="muted">{tr("未发现不同考生提交的相似材料。", "No picture looks like another candidate's.")}</p>
                    }.into_any(),
                    Ok(pairs) => view! { <PairTable pairs/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PairTable(pairs: Vec<SimilarPair>) -> impl IntoView {
    view! {
        <table class="similar-pairs">
            <thead><tr>
                <th>{tr("考生", "Candidate")}</th><th>{tr("另一位考生", "Other candidate")}</th><th>{tr("差异位数", "Bits apart")}</th>
            </tr></thead>
            <tbody>
                {pairs.into_iter().map(|pair| view! {
                    <tr>
                        <td><Side side=pair.one/></td>
                        <td><Side side=pair.other/></td>
                        <td>{pair.distance}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Side(side: PairSide) -> impl IntoView {
    let lang = use_lang();
    let label = move || {
        let category = lang.get().pick(side.category_zh.as_str(), side.category_en.as_str());
        format!("{} · {} · {category}", side.candidate_name, side.exam_code)
    };
    view! {
        <img class="alike-picture" src=side.file_url alt=label.clone() loading="lazy"/>
        {match side.application_id {
            Some(id) => view! { <a href=format!("/review/applications/{id}")>{label}</a> }.into_any(),
            None => view! { <span>{label}</span> }.into_any(),
        }}
        {side.number.map(|number| view! { <span class="alike-numbers">{tr("编号 ", "Number ")}{number}</span> })}
    }
}

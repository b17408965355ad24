//! 选择职位: the position tree, departments opening onto their positions; choosing a position
//! shows what it requires (seed 002). Beside it, 《岗位及其资格条件一览表》 opens in a tab of its own
//! (`pages::positions_page`), so the form being filled stays as it is.

use leptos::prelude::*;

use crate::domain::position_tree::{find_position, PositionNode};
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};

#[component]
pub fn PositionPicker(
    tree: Vec<PositionNode>,
    chosen: RwSignal<Option<String>>,
    editable: bool,
    exam_code: ExamCode,
) -> impl IntoView {
    let lang = use_lang();
    let tree_for_details = tree.clone();
    let details = move || {
        let code = chosen.get()?;
        let (path, leaf) = find_position(&tree_for_details, &code)?;
        let l = lang.get();
        let mut names: Vec<String> = path.iter().map(|n| l.pick(n.name_zh.clone(), n.name_en.clone())).collect();
        names.push(l.pick(leaf.name_zh.clone(), leaf.name_en.clone()));
        let requirements = l
            .pick(leaf.requirements_zh.clone(), leaf.requirements_en.clone().or(leaf.requirements_zh.clone()))
            .unwrap_or_default();
        Some(view! {
            <div class="position-chosen" data-testid="position-chosen">
                <p><strong>{tr("已选职位：", "Chosen position: ")}</strong>{names.join(" › ")}</p>
                <p>{tr("报考该职位所需条件：", "Requirements: ")}{requirements}</p>
            </div>
        })
    };
    view! {
        <section class="card position-picker" aria-labelledby="position-title">
            <h2 id="position-title">{tr("选择职位", "Choose a position")}</h2>
            <p><a href=format!("/exams/{exam_code}/positions") target="_blank">{tr("查看《岗位及其资格条件一览表》", "Read the table of positions and their requirements")}</a></p>
            <ul class="position-tree">{tree.into_iter().map(|node| view! { <PositionBranch node chosen editable/> }).collect_view()}</ul>
            {details}
        </section>
    }
    .into_any()
}

#[component]
fn PositionBranch(node: PositionNode, chosen: RwSignal<Option<String>>, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = (node.name_zh.clone(), node.name_en.clone());
    if node.is_leaf() {
        let code = node.code.clone();
        let checked = {
            let code = code.clone();
            move || chosen.get().as_deref() == Some(code.as_str())
        };
        view! {
            <li>
                <label class="check">
                    <input type="radio" name="position" value=code.clone() prop:checked=checked disabled=!editable
                        on:change=move |_| chosen.set(Some(code.clone()))/>
                    {move || lang.get().pick(zh.clone(), en.clone())}
                </label>
            </li>
        }
        .into_any()
    } else {
        view! {
            <li>
                <details open>
                    <summary>{move || lang.get().pick(zh.clone(), en.clone())}</summary>
                    <ul>{node.children.into_iter().map(|child| view! { <PositionBranch node=child chosen editable/> }).collect_view()}</ul>
                </details>
            </li>
        }
        .into_any()
    }
}

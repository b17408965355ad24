//! 《岗位及其资格条件一览表》 (seed 002: "仔细阅读《岗位及其资格条件一览表》"), at
//! `/exams/{code}/positions`, opened beside the position picker: every position with the units above
//! it and what it requires, narrowed by words and unit through a plain form (the address keeps the
//! choice, so it can be shared and goes back as it was), and downloaded as .xlsx. Server-rendered
//! HTML: nothing hydrates, so it costs the candidate's download nothing.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::exam_positions;
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::domain::position_table::{PositionFilter, PositionRow};
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::exam::PositionsTable;

#[component]
pub fn PositionsPage() -> impl IntoView {
    let code = ExamCode::from(use_params_map().read_untracked().get("code").unwrap_or_default());
    let filter = use_query_map().with_untracked(|query| PositionFilter {
        words: query.get("q").unwrap_or_default(),
        unit: query.get("unit").filter(|unit| !unit.is_empty()),
    });
    let table = server_resource(move || code.clone(), exam_positions);
    view! {
        <Suspense fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match table.await {
                        Ok(table) => view! { <PositionsView table filter/> }.into_any(),
                        Err(error) => view! { <h1>{tr("岗位及其资格条件一览表", "Positions and their requirements")}</h1><ErrorNote error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn PositionsView(table: PositionsTable, filter: PositionFilter) -> impl IntoView {
    let lang = use_lang();
    let (title_zh, title_en) = (table.title_zh, table.title_en);
    let total = table.rows.len();
    let rows: Vec<PositionRow> = table.rows.into_iter().filter(|row| filter.keeps(row)).collect();
    let shown = rows.len();
    let counted = move || {
        lang.get().pick(format!("共 {total} 个职位，显示 {shown} 个"), format!("{shown} of {total} positions shown"))
    };
    let exam_page = format!("/exams/{}", table.exam_code);
    let download = format!("/api/exams/{}/positions.xlsx", table.exam_code);
    let chosen_unit = filter.unit.clone().unwrap_or_default();
    view! {
        <p><a href=exam_page>{move || lang.get().pick(title_zh.clone(), title_en.clone())}</a></p>
        <h1>{tr("岗位及其资格条件一览表", "Positions and their requirements")}</h1>
        <form class="card position-filter" method="get">
            <label>{tr("关键词（职位名称、代码、专业或条件）", "Words (name, code, subject or requirement)")}
                <input type="search" name="q" value=filter.words.clone()/>
            </label>
            <label>{tr("单位", "Unit")}
                <select name="unit">
                    <option value="" selected=chosen_unit.is_empty()>{tr("全部单位", "Every unit")}</option>
                    {table.units.into_iter().map(|unit| {
                        let selected = unit.code == chosen_unit;
                        view! { <option value=unit.code selected=selected>{move || lang.get().pick(unit.name_zh.clone(), unit.name_en.clone())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <p class="actions">
                <button type="submit" class="button">{tr("筛选", "Filter")}</button>
                <a class="button secondary" href=download download="">{tr("下载一览表（Excel）", "Download the table (Excel)")}</a>
            </p>
        </form>
        <p role="status" data-testid="positions-count">{counted}</p>
        // Scrolled sideways on a phone: reachable by keyboard too.
        <div class="table-scroll" tabindex="0" role="region" aria-label=tr("职位列表", "Positions")>
            <table class="positions" data-testid="positions">
                <thead><tr>
                    <th scope="col">{tr("单位", "Unit")}</th>
                    <th scope="col">{tr("职位代码", "Code")}</th>
                    <th scope="col">{tr("职位名称", "Position")}</th>
                    <th scope="col">{tr("资格条件", "Requirements")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr data-position=row.code.clone()>
                            <td data-label=tr("单位", "Unit")>{move || lang.get().pick(row.unit_zh.clone(), row.unit_en.clone())}</td>
                            <td data-label=tr("职位代码", "Code")>{row.code.clone()}</td>
                            <td data-label=tr("职位名称", "Position")>{move || lang.get().pick(row.name_zh.clone(), row.name_en.clone())}</td>
                            <td data-label=tr("资格条件", "Requirements")>{move || lang.get().pick(row.requirements_zh.clone(), row.requirements_en.clone())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

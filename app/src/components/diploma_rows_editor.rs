//! 高等教育学历 as the candidate fills it in (seed 004 section 四): a row per diploma, added and
//! removed, each cell written back into the form's one value (`diploma_rows`) as it is typed, so
//! the form's check, the draft and 暂存 see it at once. Its code is part of the `form_parts`
//! chunk (`page_parts_on_demand`), with the rows' rule (`field_rules_on_demand`); drawn when the
//! candidate asks for it (`diploma_rows_field`), so no page's first load carries either.

use leptos::prelude::*;

use crate::domain::diploma_level::DIPLOMA_LEVELS;
use crate::domain::diploma_rows::{
    read_rows, write_rows, DiplomaColumn, DiplomaRow, DIPLOMA_COLUMNS, MAX_DIPLOMA_ROWS,
};
use crate::domain::personal_form::FormValues;
use crate::i18n::{tr, use_lang};

#[component]
pub fn DiplomaRowsEditor(field_key: String, values: RwSignal<FormValues>) -> impl IntoView {
    let key = StoredValue::new(field_key);
    // A form with no row yet shows one to begin with; it is stored once something is typed in it.
    let rows = Memo::new(move |_| {
        let rows = values.with(|v| key.with_value(|key| v.get(key).map(|text| read_rows(text)).unwrap_or_default()));
        if rows.is_empty() {
            vec![DiplomaRow::default()]
        } else {
            rows
        }
    });
    let change = move |edit: &dyn Fn(&mut Vec<DiplomaRow>)| {
        let mut changed = rows.get_untracked();
        edit(&mut changed);
        let text = write_rows(&changed);
        values.update(|v| {
            v.insert(key.get_value(), text);
        });
    };
    view! {
        <div class="diploma-rows" data-testid="diploma-rows">
            <For each=move || 0..rows.with(Vec::len) key=|index| *index let:index>
                <DiplomaRowCells index rows
                    change=Callback::new(move |(column, typed): (DiplomaColumn, String)| {
                        change(&|rows: &mut Vec<DiplomaRow>| rows[index].set_cell(column, &typed))
                    })
                    remove=Callback::new(move |()| change(&|rows: &mut Vec<DiplomaRow>| { rows.remove(index); }))/>
            </For>
            <p class="diploma-rows-add">
                <button type="button" class="button secondary" data-testid="add-diploma-row"
                    disabled=move || { rows.with(Vec::len) >= MAX_DIPLOMA_ROWS }
                    on:click=move |_| change(&|rows: &mut Vec<DiplomaRow>| rows.push(DiplomaRow::default()))>
                    {tr("添加一行", "Add a row")}
                </button>
                <span class="muted">
                    {move || use_lang().get().pick(
                        format!("最多 {MAX_DIPLOMA_ROWS} 行"),
                        format!("At most {MAX_DIPLOMA_ROWS} rows"),
                    )}
                </span>
            </p>
        </div>
    }
}

/// One row's six cells, each labelled with its row and column for a screen reader.
#[component]
fn DiplomaRowCells(
    index: usize,
    rows: Memo<Vec<DiplomaRow>>,
    change: Callback<(DiplomaColumn, String)>,
    remove: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let n = index + 1;
    view! {
        <fieldset class="diploma-row" data-row=n>
            <legend>{move || lang.get().pick(format!("第 {n} 行"), format!("Row {n}"))}</legend>
            {DIPLOMA_COLUMNS.into_iter().map(|column| {
                let value = move || rows.with(|rows| rows.get(index).map(|row| row.cell(column).to_string()).unwrap_or_default());
                let label = move || lang.get().pick(column.label_zh(), column.label_en());
                let typed = move |ev| change.run((column, event_target_value(&ev)));
                let control = match column {
                    DiplomaColumn::Level => view! {
                        <select prop:value=value on:change=typed>
                            <option value="">{tr("请选择", "Choose")}</option>
                            {DIPLOMA_LEVELS.into_iter().map(|level| view! { <option value=level.name_zh()>{level.name_zh()}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    DiplomaColumn::Entered | DiplomaColumn::Graduated => view! {
                        <input type="month" prop:value=value on:input=typed/>
                    }.into_any(),
                    DiplomaColumn::School | DiplomaColumn::Major | DiplomaColumn::Number => view! {
                        <input type="text" prop:value=value on:input=typed/>
                    }.into_any(),
                };
                view! { <label class="diploma-cell">{label}{control}</label> }
            }).collect_view()}
            <button type="button" class="button secondary" data-testid="remove-diploma-row" on:click=move |_| remove.run(())>
                {move || lang.get().pick(format!("删除第 {n} 行"), format!("Remove row {n}"))}
            </button>
        </fieldset>
    }
}

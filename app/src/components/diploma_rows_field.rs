//! 高等教育学历 on the exam page: the diplomas filled in, a line each, and 添加或修改学历, which
//! brings the row editor (`diploma_rows_editor`). The lines are what
//! the page's first load carries; the editor, six inputs a row, is a chunk fetched when the
//! candidate asks for it, or at once where the form already holds a row to judge.

use leptos::prelude::*;

use crate::components::page_parts_on_demand::diploma_rows_on_demand;
use crate::domain::diploma_rows::filled_rows;
use crate::domain::personal_form::FormValues;
use crate::i18n::{tr, use_lang};

#[component]
pub fn DiplomaRowsField(field_key: String, values: RwSignal<FormValues>, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let key = StoredValue::new(field_key);
    let editing = RwSignal::new(false);
    let lines = move || {
        let rows = values.with(|v| key.with_value(|key| v.get(key).map(|text| filled_rows(text)).unwrap_or_default()));
        let lines: Vec<String> = rows.iter().map(|row| row.summary()).collect();
        if lines.is_empty() {
            lang.get().pick("尚未填写。", "None yet.").to_string()
        } else {
            lines.join("\n")
        }
    };
    // Drawn after hydration (the server has no chunk to draw it with), where there is a row to
    // change: it comes in the same chunk as the rows' rule, which the form fetches for that row.
    Effect::new(move |_| {
        if editable
            && values
                .with_untracked(|v| key.with_value(|key| v.get(key).is_some_and(|text| !filled_rows(text).is_empty())))
        {
            editing.set(true);
        }
    });
    move || {
        if editing.get() {
            return diploma_rows_on_demand(key.get_value(), values);
        }
        view! {
            <p class="diploma-summary" data-testid="diploma-summary">{lines}</p>
            {editable.then(|| view! {
                <button type="button" class="button secondary" data-testid="edit-diplomas" on:click=move |_| editing.set(true)>
                    {tr("添加或修改学历", "Add or change diplomas")}
                </button>
            })}
        }
        .into_any()
    }
}

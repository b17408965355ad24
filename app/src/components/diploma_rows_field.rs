//! 高等教育学历 on the exam page: the diplomas filled in, a line each, and 添加或修改学历, which
//! brings the row editor (`diploma_rows_editor`) and the rows' rule. The lines are what the
//! page's first load carries, also on a new device for a form that holds rows; the editor, six
//! inputs a row, is a chunk fetched when the candidate asks for it.

use leptos::prelude::*;

use crate::components::field_rules_on_demand::FieldRulesHere;
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
    move || {
        if editing.get() {
            return diploma_rows_on_demand(key.get_value(), values);
        }
        view! {
            <p class="diploma-summary" data-testid="diploma-summary">{lines}</p>
            {editable.then(|| view! {
                <button type="button" class="button secondary" data-testid="edit-diplomas" on:click=move |_| {
                    editing.set(true);
                    FieldRulesHere::fetch();
                }>
                    {tr("添加或修改学历", "Add or change diplomas")}
                </button>
            })}
        }
        .into_any()
    }
}

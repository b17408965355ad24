//! 高等教育学历 on the exam page: the diplomas filled in, a line each, and 添加学历 / 修改学历, which
//! brings the row editor (`diploma_rows_editor`). The lines are what the page's first load
//! carries; the editor, six inputs a row, is a chunk fetched when the candidate asks for it.

use leptos::prelude::*;

use crate::components::diploma_rows_rule::DiplomaRowsRule;
use crate::components::page_parts_on_demand::diploma_rows_on_demand;
use crate::domain::diploma_rows::filled_rows;
use crate::domain::personal_form::FormValues;
use crate::i18n::tr;

#[component]
pub fn DiplomaRowsField(field_key: String, values: RwSignal<FormValues>, editable: bool) -> impl IntoView {
    let key = StoredValue::new(field_key);
    let editing = RwSignal::new(false);
    let filled = Memo::new(move |_| {
        values.with(|v| key.with_value(|key| v.get(key).map(|text| filled_rows(text)).unwrap_or_default()))
    });
    let none = move || filled.with(Vec::is_empty);
    // The rows' rule comes with their editor: fetched as soon as there is a row to judge.
    Effect::new(move |_| {
        if !none() || editing.get() {
            DiplomaRowsRule::fetch();
        }
    });
    move || {
        if editing.get() {
            return diploma_rows_on_demand(key.get_value(), values);
        }
        view! {
            <ol class="diploma-summary" data-testid="diploma-summary">
                {move || filled.get().iter().map(|row| view! { <li>{row.summary()}</li> }).collect_view()}
            </ol>
            {move || none().then(|| view! { <p class="muted">{tr("尚未填写。", "None yet.")}</p> })}
            {editable.then(|| view! {
                <button type="button" class="button secondary" data-testid="edit-diplomas" on:click=move |_| editing.set(true)>
                    {move || if none() { tr("添加学历", "Add a diploma")() } else { tr("修改学历", "Change the diplomas")() }}
                </button>
            })}
        }
        .into_any()
    }
}

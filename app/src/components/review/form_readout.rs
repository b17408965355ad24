//! The candidate's personal form and position, read-only, as the reviewer checks them.

use leptos::prelude::*;

use crate::domain::diploma_rows::{filled_rows, DiplomaRow};
use crate::domain::personal_form::{FieldKind, FormValues};
use crate::domain::position_tree::find_position;
use crate::domain::ExamDefinition;
use crate::i18n::{tr, use_lang};

#[component]
pub fn FormReadout(definition: ExamDefinition, form: FormValues, position: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let position_name = position
        .as_deref()
        .and_then(|code| find_position(&definition.positions, code))
        .map(|(_, p)| (p.name_zh.clone(), p.name_en.clone()));
    view! {
        <dl class="form-readout">
            {definition.form.iter().map(|field| {
                let value = form.get(&field.key).cloned().unwrap_or_default();
                let shown = match field.kind {
                    FieldKind::Resume => value.replace('\n', " ⏎ "),
                    FieldKind::Diplomas => filled_rows(&value).iter().map(DiplomaRow::summary).collect::<Vec<_>>().join(" ⏎ "),
                    _ => value,
                };
                let (zh, en) = (field.label_zh.clone(), field.label_en.clone());
                view! {
                    <dt>{move || lang.get().pick(zh.clone(), en.clone())}</dt>
                    <dd>{if shown.is_empty() { "—".to_string() } else { shown }}</dd>
                }
            }).collect_view()}
            {position_name.map(|(zh, en)| view! {
                <dt>{tr("报考职位", "Position")}</dt>
                <dd>{move || lang.get().pick(zh.clone(), en.clone())}</dd>
            })}
        </dl>
    }
    .into_any()
}

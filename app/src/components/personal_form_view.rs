//! The personal-information form (seed 004: 文化程度, 毕业学校, 毕业时间, 工作单位, 入党时间,
//! 参加工作时间, 职务职称, 工作简历, and 高等教育学历 in rows). Every keystroke is checked with the
//! same `check_form` the server runs (the résumé's and the rows' own rules once they have arrived,
//! `field_rules_on_demand`); each problem shows under its field.

use leptos::prelude::*;

use crate::components::diploma_rows_field::DiplomaRowsField;
use crate::components::field_rules_on_demand::FieldRulesHere;
use crate::domain::personal_form::{check_form, FieldKind, FieldProblem, FormField, FormValues, Strictness};
use crate::i18n::{tr, use_lang};

#[component]
pub fn PersonalFormView(
    fields: Vec<FormField>,
    values: RwSignal<FormValues>,
    /// After a first 提交审核 attempt, required fields count too.
    strict: RwSignal<bool>,
    editable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let all_fields = StoredValue::new(fields.clone());
    let problems = Memo::new(move |_| {
        let strictness = if strict.get() { Strictness::Submit } else { Strictness::Draft };
        let rules = FieldRulesHere::of_page();
        all_fields.with_value(|f| check_form(f, &values.get(), strictness, rules))
    });
    view! {
        <section class="card personal-form" aria-labelledby="form-title">
            <h2 id="form-title">{tr("个人信息", "Personal information")}</h2>
            <p class="muted">{tr("标有 * 的项目必须填写。", "Items marked * are required.")}</p>
            <div class="form wide">
                {fields.into_iter().map(|field| {
                    let key = field.key.clone();
                    let input_id = format!("form-{key}");
                    let value = { let key = key.clone(); move || values.with(|v| v.get(&key).cloned().unwrap_or_default()) };
                    let set = { let key = key.clone(); move |text: String| values.update(|v| { v.insert(key.clone(), text); }) };
                    let (label_zh, label_en) = (field.label_zh.clone(), field.label_en.clone());
                    let star = if field.required { "*" } else { "" };
                    let hint = field.hint_zh.clone().map(|zh| (zh, field.hint_en.clone().unwrap_or_default()));
                    let max = field.max_chars();
                    let counter = { let value = value.clone(); move || max.map(|m| format!("{}/{m}", value().chars().count())) };
                    let field_problems = { let key = key.clone(); move || problems.get().into_iter().filter(|p: &FieldProblem| p.field == key).collect::<Vec<_>>() };
                    let control = match field.kind {
                        FieldKind::Text => view! {
                            <input id=input_id.clone() type="text" prop:value=value.clone() disabled=!editable on:input=move |ev| set(event_target_value(&ev))/>
                        }.into_any(),
                        FieldKind::YearMonth => view! {
                            <input id=input_id.clone() type="month" prop:value=value.clone() disabled=!editable on:input=move |ev| set(event_target_value(&ev))/>
                        }.into_any(),
                        FieldKind::Choice => {
                            let options = field.options.clone();
                            view! {
                                <select id=input_id.clone() prop:value=value.clone() disabled=!editable on:change=move |ev| set(event_target_value(&ev))>
                                    <option value="">{tr("请选择", "Choose")}</option>
                                    {options.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                                </select>
                            }.into_any()
                        }
                        FieldKind::Diplomas => view! {
                            <DiplomaRowsField field_key=key.clone() values editable/>
                        }.into_any(),
                        FieldKind::Resume => view! {
                            <textarea id=input_id.clone() rows="5" prop:value=value.clone() disabled=!editable
                                placeholder="2015.7-2017.3，**街道办事处，科员\n2017.4至今，**街道办事处，副主任科员"
                                on:focus=move |_| FieldRulesHere::fetch()
                                on:input=move |ev| set(event_target_value(&ev))></textarea>
                        }.into_any(),
                    };
                    view! {
                        <div class="field" data-field=key.clone()>
                            <label for=input_id>
                                {star}{move || lang.get().pick(label_zh.clone(), label_en.clone())}
                                <span class="muted counter">{counter}</span>
                            </label>
                            {hint.map(|(zh, en)| view! { <span class="muted hint">{move || lang.get().pick(zh.clone(), en.clone())}</span> })}
                            {control}
                            <For each=field_problems key=|p| p.message_zh.clone() let:p>
                                <span class="field-error" role="alert">{move || lang.get().pick(p.message_zh.clone(), p.message_en.clone())}</span>
                            </For>
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    }
    .into_any()
}

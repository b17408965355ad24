//! Which categories the candidate must upload as the position and the form stand now, and what
//! 提交审核 would still refuse for. The server's own rule (`domain::required_when`,
//! `domain::completeness`) runs again in the browser whenever the candidate changes the position or
//! an answer, so a category's 必传 mark and the list of what is missing move together, before
//! anything is saved.

use leptos::prelude::*;

use crate::components::field_rules_on_demand::FieldRulesHere;
use crate::domain::completeness::{missing_for_submission, MissingItem};
use crate::domain::personal_form::FormValues;
use crate::domain::required_when::{Circumstances, Requiredness};
use crate::domain::CategoryDefinition;
use crate::i18n::{tr, use_lang};
use crate::models::candidate::ExamWithMaterials;

#[derive(Clone, Copy)]
pub struct RequiredNow(Memo<Judgement>);

/// Every category's requiredness, by code, and what 提交审核 would refuse for.
#[derive(Clone, Debug, PartialEq)]
struct Judgement {
    by_category: Vec<(String, Requiredness)>,
    missing: Vec<MissingItem>,
}

impl RequiredNow {
    /// Judges `page`'s categories with the form and the position as they are typed; provided to
    /// the cards below.
    pub fn provide(page: &ExamWithMaterials, form: RwSignal<FormValues>, position: RwSignal<Option<String>>) -> Self {
        let definition = page.definition.clone();
        let registration = page.registration_category.clone();
        let uploaded: Vec<(String, u32)> = page
            .categories
            .iter()
            .flat_map(|category| category.materials.iter().map(|m| (category.code.clone(), m.seq_no)))
            .collect();
        let judgement = Memo::new(move |_| {
            let position = position.get();
            let rules = FieldRulesHere::of_page();
            form.with(|form| {
                let now = Circumstances {
                    position: position.as_deref(),
                    registration_category: registration.as_deref(),
                    form,
                };
                Judgement {
                    by_category: definition
                        .categories
                        .iter()
                        .map(|c| (c.code.clone(), c.requiredness(definition.parts(), &now)))
                        .collect(),
                    missing: missing_for_submission(&definition.categories, definition.parts(), &uploaded, &now, rules),
                }
            })
        });
        let required = RequiredNow(judgement);
        provide_context(required);
        required
    }

    /// What 提交审核 would refuse for now.
    pub fn missing(self) -> Vec<MissingItem> {
        self.0.with(|judgement| judgement.missing.clone())
    }

    /// Whether the category `code` is required now, and why.
    pub fn of(self, code: String) -> Signal<Requiredness> {
        Signal::derive(move || {
            self.0.with(|judgement| {
                judgement
                    .by_category
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or(Requiredness::Optional, |(_, r)| r.clone())
            })
        })
    }
}

/// Whether `category` is required now: judged with the typing where the page provides
/// [`RequiredNow`] (the workspace); before the upload opens there is no typing, and only
/// `required = true` is known.
pub fn requiredness_of(category: &CategoryDefinition) -> Signal<Requiredness> {
    match use_context::<RequiredNow>() {
        Some(required_now) => required_now.of(category.code.clone()),
        None if category.rules.required => Signal::stored(Requiredness::Always),
        None => Signal::stored(Requiredness::Optional),
    }
}

/// 必传 or 选传, and for a category only some must upload, why it is required of this candidate
/// ("因所选职位要求"); on the card and in the requirements list alike.
pub fn required_badge(requiredness: Signal<Requiredness>) -> impl IntoView {
    let lang = use_lang();
    move || match requiredness.get() {
        Requiredness::Optional => view! { <span class="badge">{tr("选传", "Optional")}</span> }.into_any(),
        Requiredness::Always => view! { <span class="badge required">{tr("必传", "Required")}</span> }.into_any(),
        Requiredness::Because(reason) => {
            let (zh, en) = reason.words();
            view! {
                <span class="badge required">{tr("必传", "Required")}</span>
                <span class="required-reason" data-testid="required-reason">{move || lang.get().pick(zh.clone(), en.clone())}</span>
            }
            .into_any()
        }
    }
}

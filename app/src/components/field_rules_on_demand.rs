//! The rules of the fields only some exams' forms have (`personal_form::FieldRules`: the diploma
//! rows', the résumé's periods) on the exam page. They come in the `form_parts` chunk, fetched
//! when the candidate starts on such a field (the résumé focused, the rows' editor opened), so no
//! first load carries them, not even a returning candidate's on a new device. Until they are here
//! the form and 提交审核's list judge those fields only on whether they are filled; the server
//! judges them in full either way, and names what is wrong when a draft is kept or refused.

use leptos::prelude::*;

use crate::domain::personal_form::FieldRules;

#[derive(Clone, Copy)]
pub struct FieldRulesHere {
    rules: RwSignal<FieldRules>,
    asked: RwSignal<bool>,
}

impl FieldRulesHere {
    /// For the exam page's form and its list of what is missing.
    pub fn provide() {
        provide_context(FieldRulesHere { rules: RwSignal::new(FieldRules::default()), asked: RwSignal::new(false) });
    }

    /// The rules here so far (tracked: a check that read them runs again when they arrive).
    pub fn of_page() -> FieldRules {
        use_context::<FieldRulesHere>().map(|here| here.rules.get()).unwrap_or_default()
    }

    /// Fetches the rules' chunk, once; a fetch that failed (offline) is tried at the next call.
    pub fn fetch() {
        let Some(here) = use_context::<FieldRulesHere>() else { return };
        if here.asked.get_untracked() {
            return;
        }
        here.asked.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::components::page_parts_on_demand::field_rules().await {
                Some(rules) => here.rules.set(rules),
                None => here.asked.set(false),
            }
        });
    }
}

//! The rule that judges diploma rows (`domain::diploma_rows::row_problems`) on the exam page. It
//! comes with the rows' editor in the `page_parts` chunk, fetched once the form holds a row or the
//! candidate opens the editor, so a first visit's load never carries it. Until it is here the
//! form and 提交审核's list judge only whether there is a row; the server judges every cell anyway.

use leptos::prelude::*;

use crate::domain::personal_form::RowsRule;

#[derive(Clone, Copy)]
pub struct DiplomaRowsRule {
    rule: RwSignal<Option<RowsRule>>,
    asked: RwSignal<bool>,
}

impl DiplomaRowsRule {
    /// For the exam page's form and its list of what is missing.
    pub fn provide() -> Self {
        let here = DiplomaRowsRule { rule: RwSignal::new(None), asked: RwSignal::new(false) };
        provide_context(here);
        here
    }

    /// The rule, once here (tracked: a check that read it runs again when it arrives).
    pub fn rule(self) -> Option<RowsRule> {
        self.rule.get()
    }

    /// The rule where the page provides one (the exam page's workspace).
    pub fn of_page() -> Option<RowsRule> {
        use_context::<DiplomaRowsRule>().and_then(DiplomaRowsRule::rule)
    }

    /// Fetches the rule's chunk, once; a fetch that failed (offline) is tried at the next ask.
    pub fn fetch() {
        let Some(here) = use_context::<DiplomaRowsRule>() else { return };
        if here.asked.get_untracked() {
            return;
        }
        here.asked.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::components::page_parts_on_demand::diploma_rows_rule().await {
                Some(rule) => here.rule.set(Some(rule)),
                None => here.asked.set(false),
            }
        });
    }
}

//! A category's requirements in plain words: what to photograph, the slots, the hard rules and
//! the advice. The same text appears on the card and in the requirements list.

use leptos::prelude::*;

use crate::domain::CategoryDefinition;
use crate::i18n::use_lang;

#[component]
pub fn RequirementText(category: CategoryDefinition) -> impl IntoView {
    let lang = use_lang();
    let rules = category.rules.describe();
    let advice = category.advice.as_ref().map(|a| a.describe()).unwrap_or_default();
    let joined = |pairs: &[(String, String)]| {
        (
            pairs.iter().map(|(zh, _)| zh.as_str()).collect::<Vec<_>>().join("，"),
            pairs.iter().map(|(_, en)| en.as_str()).collect::<Vec<_>>().join(", "),
        )
    };
    let (rules_zh, rules_en) = joined(&rules);
    let (advice_zh, advice_en) = joined(&advice);
    let slots = (!category.slots.is_empty()).then(|| {
        let zh = category.slots.iter().map(|s| s.name_zh.as_str()).collect::<Vec<_>>().join("、");
        let en = category.slots.iter().map(|s| s.name_en.as_str()).collect::<Vec<_>>().join(", ");
        (format!("固定 {} 张：{zh}", category.slots.len()), format!("exactly {}: {en}", category.slots.len()))
    });
    let hint = category.hint_zh.clone().map(|zh| (zh, category.hint_en.clone().unwrap_or_default()));

    view! {
        <div class="requirements">
            {hint.map(|(zh, en)| view! { <p class="hint">{move || lang.get().pick(zh.clone(), en.clone())}</p> })}
            <p class="rules">
                {move || lang.get().pick(rules_zh.clone(), rules_en.clone())}
                {slots.clone().map(|(zh, en)| view! { <span class="slots">{move || lang.get().pick(format!("；{zh}"), format!("; {en}"))}</span> })}
            </p>
            {(!advice_zh.is_empty()).then(|| view! { <p class="advice">{move || lang.get().pick(advice_zh.clone(), advice_en.clone())}</p> })}
        </div>
    }
    .into_any()
}

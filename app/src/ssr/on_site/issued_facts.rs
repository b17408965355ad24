//! What Zige printed on a document the candidate hands in at the branch (seed 004 七.2: the
//! 介绍信和党员关系证明信, 留存), shown beside its item so the clerk ticks the stamped paper against it:
//! the unit, the post and the Party membership the letter was filled with.

use crate::domain::document_kind::DocumentKind;
use crate::domain::personal_form::FormValues;
use crate::domain::year_month::YearMonth;
use crate::domain::ExamDefinition;

/// The facts to check the paper against, in both languages; none for a document with nothing to
/// compare beyond its code (the registration form), or where the exam prints no letter.
pub fn issued_facts(definition: &ExamDefinition, kind: DocumentKind, values: &FormValues) -> Option<(String, String)> {
    if kind != DocumentKind::IntroductionLetter {
        return None;
    }
    let spec = definition.introduction_letter.as_ref()?;
    let value = |key: &str| values.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let dash = || "—".to_string();
    let (employer, post) =
        (value(&spec.employer_field).unwrap_or_else(dash), value(&spec.post_field).unwrap_or_else(dash));
    let party = spec.party_joined_field.as_deref().map(|key| {
        value(key).map_or(("非中共党员".to_string(), "not a Party member".to_string()), |joined| {
            let month = YearMonth::parse(&joined).map_or(joined.clone(), YearMonth::text_zh);
            (format!("中共党员（{month}入党）"), format!("Party member since {joined}"))
        })
    });
    let (party_zh, party_en) =
        party.map_or((String::new(), String::new()), |(zh, en)| (format!(" · {zh}"), format!(" · {en}")));
    Some((format!("信中：{employer} · {post}{party_zh}"), format!("The letter says: {employer} · {post}{party_en}")))
}

//! What Zige printed on a document the candidate hands in at the branch (seed 004 七.2: the
//! 介绍信和党员关系证明信, 留存), shown beside its item so the clerk ticks the stamped paper against it:
//! the unit, the post and the Party membership the letter was filled with
//! (`IntroductionLetterSpec::facts`, as the letter reads them).

use crate::domain::document_kind::DocumentKind;
use crate::domain::introduction_letter::PartyMembership;
use crate::domain::personal_form::FormValues;
use crate::domain::ExamDefinition;

/// The facts to check the paper against, in both languages; none for a document with nothing to
/// compare beyond its code (the registration form), or where the exam prints no letter.
pub fn issued_facts(definition: &ExamDefinition, kind: DocumentKind, values: &FormValues) -> Option<(String, String)> {
    if kind != DocumentKind::IntroductionLetter {
        return None;
    }
    let facts = definition.introduction_letter.as_ref()?.facts(values);
    let or_dash = |text: String| if text.is_empty() { "—".to_string() } else { text };
    let (employer, post) = (or_dash(facts.employer), or_dash(facts.post));
    let (party_zh, party_en) = match facts.party {
        PartyMembership::NotAsked => (String::new(), String::new()),
        PartyMembership::NotMember => (" · 非中共党员".to_string(), " · not a Party member".to_string()),
        PartyMembership::Member { joined, joined_zh } => {
            (format!(" · 中共党员（{joined_zh}入党）"), format!(" · Party member since {joined}"))
        }
    };
    Some((format!("信中：{employer} · {post}{party_zh}"), format!("The letter says: {employer} · {post}{party_en}")))
}

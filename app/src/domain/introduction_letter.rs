//! 介绍信和党员关系证明信 (seed 004 五.6: "审核通过系统将自动生成《报名登记表》、《介绍信和党员关系证明信》，
//! 考生下载打印后盖章"): the letter the candidate's unit writes to the branch, and its Party
//! organisation's letter under it, filled from the personal form and stamped on paper. The exam
//! file's `[introduction_letter]` says whom it is addressed to and which form fields fill it; an
//! exam without that table prints no letter.

use serde::{Deserialize, Serialize};

use super::personal_form::{FieldKind, FormField, FormValues};
use super::year_month::YearMonth;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntroductionLetterSpec {
    /// Whom the unit writes to, as the letter's first line names it ("示例分院招生办公室").
    pub addressee_zh: String,
    /// What the candidate applies for where they chose no position ("在职干部研究生").
    pub programme_zh: String,
    /// The form field holding the candidate's unit (工作单位).
    pub employer_field: String,
    /// The form field holding the candidate's post (职务职称).
    pub post_field: String,
    /// The year-month field holding when the candidate joined the Party (入党时间); empty on a
    /// candidate's form, the Party letter says they are not a member. None: no Party letter.
    #[serde(default)]
    pub party_joined_field: Option<String>,
}

/// What the letter says of the candidate, read from their form once: the letter prints it, and
/// the on-site check shows it beside the letter's item to tick the stamped paper against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterFacts {
    /// Empty where the form has none.
    pub employer: String,
    pub post: String,
    pub party: PartyMembership,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartyMembership {
    /// The exam asks for no Party letter (`party_joined_field` unset).
    NotAsked,
    /// The form's 入党时间 was left empty.
    NotMember,
    /// Joined the Party in `joined` as typed ("2010-07"), `joined_zh` as printed ("2010年7月").
    Member { joined: String, joined_zh: String },
}

impl IntroductionLetterSpec {
    /// The facts the letter is filled with, from the candidate's form (each answer trimmed).
    pub fn facts(&self, values: &FormValues) -> LetterFacts {
        let value = |key: &str| values.get(key).map(|v| v.trim().to_string()).unwrap_or_default();
        let party = match self.party_joined_field.as_deref().map(value) {
            None => PartyMembership::NotAsked,
            Some(joined) if joined.is_empty() => PartyMembership::NotMember,
            Some(joined) => {
                let joined_zh = YearMonth::parse(&joined).map_or_else(|| joined.clone(), YearMonth::text_zh);
                PartyMembership::Member { joined, joined_zh }
            }
        };
        LetterFacts { employer: value(&self.employer_field), post: value(&self.post_field), party }
    }

    /// What is wrong with the table against the exam's form, in words an administrator can act on.
    pub fn mistakes(&self, form: &[FormField]) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.addressee_zh.trim().is_empty() || self.programme_zh.trim().is_empty() {
            mistakes.push("introduction_letter: addressee_zh and programme_zh must not be empty".to_string());
        }
        let field_kind = |key: &str| form.iter().find(|field| field.key == key).map(|field| field.kind);
        for (name, key) in [("employer_field", &self.employer_field), ("post_field", &self.post_field)] {
            if field_kind(key).is_none() {
                mistakes.push(format!("introduction_letter: {name} = \"{key}\" names no field of [[form]]"));
            }
        }
        if let Some(key) = &self.party_joined_field {
            if field_kind(key) != Some(FieldKind::YearMonth) {
                mistakes.push(format!(
                    "introduction_letter: party_joined_field = \"{key}\" must name a year_month field of [[form]]"
                ));
            }
        }
        mistakes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str, kind: FieldKind) -> FormField {
        FormField {
            key: key.to_string(),
            label_zh: key.to_string(),
            label_en: key.to_string(),
            kind,
            required: false,
            max_chars: None,
            hint_zh: None,
            hint_en: None,
            options: Vec::new(),
            starts_at: None,
        }
    }

    fn spec(party: Option<&str>) -> IntroductionLetterSpec {
        IntroductionLetterSpec {
            addressee_zh: "示例分院".to_string(),
            programme_zh: "在职干部研究生".to_string(),
            employer_field: "employer".to_string(),
            post_field: "post_title".to_string(),
            party_joined_field: party.map(str::to_string),
        }
    }

    #[test]
    fn the_fields_it_names_must_be_on_the_form_and_the_party_date_a_year_and_month() {
        let form = [
            field("employer", FieldKind::Text),
            field("post_title", FieldKind::Text),
            field("party_joined", FieldKind::YearMonth),
        ];
        assert!(spec(Some("party_joined")).mistakes(&form).is_empty());
        assert!(spec(None).mistakes(&form).is_empty());
        let wrong = spec(Some("employer")).mistakes(&form);
        assert_eq!(wrong.len(), 1);
        assert!(wrong[0].contains("year_month"), "{wrong:?}");
        let missing = spec(None).mistakes(&form[..1]);
        assert_eq!(missing, vec!["introduction_letter: post_field = \"post_title\" names no field of [[form]]"]);
    }

    #[test]
    fn the_facts_are_the_trimmed_answers_and_an_empty_party_date_is_no_membership() {
        let values: FormValues = [("employer", " 示例局 "), ("post_title", "科员"), ("party_joined", "2010-07")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let facts = spec(Some("party_joined")).facts(&values);
        assert_eq!((facts.employer.as_str(), facts.post.as_str()), ("示例局", "科员"));
        let member = PartyMembership::Member { joined: "2010-07".to_string(), joined_zh: "2010年7月".to_string() };
        assert_eq!(facts.party, member);
        let mut none = values.clone();
        none.insert("party_joined".to_string(), "  ".to_string());
        assert_eq!(spec(Some("party_joined")).facts(&none).party, PartyMembership::NotMember);
        assert_eq!(spec(None).facts(&values).party, PartyMembership::NotAsked);
    }
}

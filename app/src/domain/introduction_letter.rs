//! 介绍信和党员关系证明信 (seed 004 五.6: "审核通过系统将自动生成《报名登记表》、《介绍信和党员关系证明信》，
//! 考生下载打印后盖章"): the letter the candidate's unit writes to the branch, and its Party
//! organisation's letter under it, filled from the personal form and stamped on paper. The exam
//! file's `[introduction_letter]` says whom it is addressed to and which form fields fill it; an
//! exam without that table prints no letter.

use serde::{Deserialize, Serialize};

use super::personal_form::{FieldKind, FormField};

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

impl IntroductionLetterSpec {
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
}

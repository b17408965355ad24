//! The personal-information form an exam asks for (seed 004's 文化程度, 毕业学校, 入党时间, 工作简历…):
//! its fields as the exam file declares them, and the one check the browser and the server share.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::diploma_rows::{filled_rows, row_problems};
use super::work_resume::{check_resume, ResumePeriod, ResumeProblem};
use super::year_month::YearMonth;

/// What the candidate typed, by field key. Year-months are "YYYY-MM"; the résumé is lines.
pub type FormValues = BTreeMap<String, String>;

/// No value may be longer than this, whatever the field says: it bounds what a draft may store.
pub const MAX_VALUE_CHARS: usize = 4000;
const DEFAULT_TEXT_CHARS: u32 = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    /// Stable key, e.g. "party_joined".
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(default)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// For text and résumé fields; text defaults to 50 characters.
    pub max_chars: Option<u32>,
    pub hint_zh: Option<String>,
    pub hint_en: Option<String>,
    /// The allowed answers of a choice field.
    #[serde(default)]
    pub options: Vec<String>,
    /// For a résumé: the year-month field its first period must start at (参加工作时间).
    pub starts_at: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[default]
    Text,
    YearMonth,
    Choice,
    Resume,
    /// 高等教育学历: a row per diploma (`diploma_rows`); `required` asks for one row at least.
    Diplomas,
}

impl FormField {
    pub fn max_chars(&self) -> Option<u32> {
        match self.kind {
            FieldKind::Text => Some(self.max_chars.unwrap_or(DEFAULT_TEXT_CHARS)),
            FieldKind::Resume => self.max_chars,
            FieldKind::YearMonth | FieldKind::Choice | FieldKind::Diplomas => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

/// The rules of the fields only some exams' forms have — the diploma rows'
/// (`diploma_rows::row_problems`) and the résumé's periods (`work_resume::check_resume`) — handed
/// to the check rather than called by it. The server hands both over always ([`FieldRules::all`]);
/// the candidate's page once they have arrived with the `form_parts` chunk
/// (`components/field_rules_on_demand`), so that no page's first load carries them. A rule not
/// here yet judges its field only on whether it is filled.
#[derive(Clone, Copy, Default)]
pub struct FieldRules {
    pub diplomas: Option<DiplomasRule>,
    pub resume: Option<ResumeRule>,
}

/// The rows as typed, and whether every cell must be filled: each problem in both languages.
pub type DiplomasRule = fn(&str, bool) -> Vec<(String, String)>;
/// The résumé as typed, and the month work began where the form says it.
pub type ResumeRule = fn(&str, Option<YearMonth>) -> Result<Vec<ResumePeriod>, Vec<ResumeProblem>>;

impl FieldRules {
    pub fn all() -> FieldRules {
        FieldRules { diplomas: Some(row_problems), resume: Some(check_resume) }
    }
}

/// A draft may be incomplete; a submission may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    Draft,
    Submit,
}

/// Every problem, each at its field. Drafts skip "required" but still report wrong formats.
pub fn check_form(
    fields: &[FormField],
    values: &FormValues,
    strictness: Strictness,
    rules: FieldRules,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for field in fields {
        let typed = values.get(&field.key).map(String::as_str).unwrap_or("");
        let value = typed.trim();
        let mut report = |zh: String, en: String| {
            problems.push(FieldProblem { field: field.key.clone(), message_zh: zh, message_en: en })
        };
        let (label_zh, label_en) = (&field.label_zh, &field.label_en);
        if field.kind == FieldKind::Diplomas {
            // Not trimmed: a row's first cells may be empty, and their tabs hold the others in place.
            if field.required && strictness == Strictness::Submit && filled_rows(typed).is_empty() {
                report(format!("请填写{label_zh}（至少一行）"), format!("{label_en}: at least one row is required"));
            }
            let judged = rules.diplomas.map(|rule| rule(typed, strictness == Strictness::Submit)).unwrap_or_default();
            for (zh, en) in judged {
                report(format!("{label_zh}：{zh}"), format!("{label_en}: {en}"));
            }
            continue;
        }
        if value.is_empty() {
            if field.required && strictness == Strictness::Submit {
                report(format!("请填写{label_zh}（必填）"), format!("{label_en} is required"));
            }
            continue;
        }
        let chars = value.chars().count();
        if let Some(max) = field.max_chars().filter(|&max| chars > max as usize) {
            report(
                format!("{label_zh}共 {chars} 个字，超过上限 {max} 个字"),
                format!("{label_en} has {chars} characters, above the limit of {max}"),
            );
        }
        match field.kind {
            FieldKind::Text | FieldKind::Diplomas => {}
            FieldKind::YearMonth => {
                if YearMonth::parse(value).is_none() {
                    report(
                        format!("{label_zh}应为年月，如 2015-07"),
                        format!("{label_en} must be a year and month, like 2015-07"),
                    );
                }
            }
            FieldKind::Choice => {
                if !field.options.iter().any(|o| o == value) {
                    report(format!("{label_zh}请从列表中选择"), format!("Choose {label_en} from the list"));
                }
            }
            FieldKind::Resume => {
                let began = field.starts_at.as_ref().and_then(|key| values.get(key)).and_then(|v| YearMonth::parse(v));
                if let Some(Err(found)) = rules.resume.map(|rule| rule(value, began)) {
                    for p in found {
                        report(format!("{label_zh}：{}", p.message_zh), format!("{label_en}: {}", p.message_en));
                    }
                }
            }
        }
    }
    problems
}

/// What a draft may store: only the form's own keys, each bounded, so a draft never grows
/// without limit or carries fields the exam does not have.
pub fn keep_known_values(fields: &[FormField], values: FormValues) -> FormValues {
    values
        .into_iter()
        .filter(|(key, _)| fields.iter().any(|f| &f.key == key))
        .map(|(key, value)| (key, value.chars().take(MAX_VALUE_CHARS).collect()))
        .collect()
}

/// Mistakes in a form declaration, in English, for the administrator.
pub fn form_mistakes(fields: &[FormField]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for field in fields {
        if !seen.insert(field.key.as_str()) {
            out.push(format!("form field \"{}\" is declared twice", field.key));
        }
        if field.kind == FieldKind::Choice && field.options.is_empty() {
            out.push(format!("form field \"{}\" is a choice but lists no options", field.key));
        }
        if field.kind == FieldKind::Diplomas && fields.iter().filter(|f| f.kind == FieldKind::Diplomas).count() > 1 {
            out.push(format!("form field \"{}\": a form has one diplomas table at most", field.key));
        }
        if let Some(target) = &field.starts_at {
            if !fields.iter().any(|f| &f.key == target && f.kind == FieldKind::YearMonth) {
                out.push(format!(
                    "form field \"{}\": starts_at names \"{target}\", which is not a year_month field",
                    field.key
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: fn() -> FieldRules = FieldRules::all;

    fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
        FormField {
            key: key.into(),
            label_zh: key.into(),
            label_en: key.into(),
            kind,
            required,
            max_chars: None,
            hint_zh: None,
            hint_en: None,
            options: vec![],
            starts_at: None,
        }
    }

    fn values(pairs: &[(&str, &str)]) -> FormValues {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_missing_required_field_blocks_submission_but_not_a_draft() {
        let fields = [field("school", FieldKind::Text, true)];
        assert!(check_form(&fields, &values(&[]), Strictness::Draft, RULE()).is_empty());
        assert_eq!(check_form(&fields, &values(&[]), Strictness::Submit, RULE())[0].message_en, "school is required");
    }

    #[test]
    fn text_longer_than_its_limit_says_both_numbers() {
        let fields = [FormField { max_chars: Some(4), ..field("unit", FieldKind::Text, false) }];
        let problems = check_form(&fields, &values(&[("unit", "街道办事处")]), Strictness::Draft, RULE());
        assert_eq!(problems[0].message_zh, "unit共 5 个字，超过上限 4 个字");
    }

    #[test]
    fn a_year_month_must_be_one() {
        let fields = [field("joined", FieldKind::YearMonth, false)];
        assert_eq!(check_form(&fields, &values(&[("joined", "2015-13")]), Strictness::Draft, RULE()).len(), 1);
        assert!(check_form(&fields, &values(&[("joined", "2015-12")]), Strictness::Draft, RULE()).is_empty());
    }

    #[test]
    fn the_resume_must_start_when_work_began() {
        let fields = [
            field("began", FieldKind::YearMonth, true),
            FormField { starts_at: Some("began".into()), ..field("resume", FieldKind::Resume, true) },
        ];
        let form = values(&[("began", "2015-07"), ("resume", "2015.9至今，甲单位，科员")]);
        let problems = check_form(&fields, &form, Strictness::Submit, RULE());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "resume");
    }

    #[test]
    fn diplomas_ask_for_one_filled_row_on_submission_and_name_the_row_of_a_mistake() {
        let fields = [field("diplomas", FieldKind::Diplomas, true)];
        let begun_and_empty = values(&[("diplomas", "\t\t\t\t\t")]);
        assert!(check_form(&fields, &begun_and_empty, Strictness::Draft, RULE()).is_empty());
        let problems = check_form(&fields, &begun_and_empty, Strictness::Submit, RULE());
        assert_eq!(problems[0].message_zh, "请填写diplomas（至少一行）");
        // A first cell left empty keeps the others in their columns.
        let no_level = values(&[("diplomas", "\t山东大学\t法学\t2005-09\t2009-07\t1042212009050012")]);
        let found: Vec<String> =
            check_form(&fields, &no_level, Strictness::Submit, RULE()).into_iter().map(|p| p.message_zh).collect();
        assert_eq!(found, ["diplomas：第 1 行：请填写学历"]);
    }

    #[test]
    fn drafts_keep_only_the_forms_own_fields() {
        let fields = [field("school", FieldKind::Text, true)];
        let kept = keep_known_values(&fields, values(&[("school", "大学"), ("is_admin", "yes")]));
        assert_eq!(kept, values(&[("school", "大学")]));
    }
}

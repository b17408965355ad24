//! A category only some candidates must upload. Seed 000: "'户籍材料'、'其他材料'及'工作经历材料'中的
//! '2年以上基层工作经历证明材料'仅部分考生须上传". The exam file says when such a category is required
//! (`[categories.required_when]`): for a chosen position, for a 报考类别 the registration system named,
//! or for an answer on the personal form. This one rule decides it and says why: in the browser as
//! the candidate changes the position or the answer, and on the server before a submission is taken.

use serde::{Deserialize, Serialize};

use super::personal_form::{FieldKind, FormField, FormValues};
use super::position_tree::{find_position, PositionNode};

/// When a category is required; any one condition that holds is enough.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredWhen {
    /// Positions that require it: a position's code, or a department's for every position under it.
    #[serde(default)]
    pub positions: Vec<String>,
    /// 报考类别 as the registration system names them ("社会人员").
    #[serde(default)]
    pub registration_categories: Vec<String>,
    /// Answers on the personal form (`{ field = "hukou", is = "本市以外" }`).
    #[serde(default)]
    pub answers: Vec<AnswerIs>,
}

/// A choice field's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerIs {
    pub field: String,
    pub is: String,
}

/// What the rule reads: the candidate's position and form as they are now (typed, not yet saved,
/// in the browser), and the 报考类别 the registration system named, if it did.
#[derive(Clone, Copy, Debug)]
pub struct Circumstances<'a> {
    pub position: Option<&'a str>,
    pub registration_category: Option<&'a str>,
    pub form: &'a FormValues,
}

/// The exam's form and positions, which the conditions name.
#[derive(Clone, Copy, Debug)]
pub struct ExamParts<'a> {
    pub form: &'a [FormField],
    pub positions: &'a [PositionNode],
}

/// Whether a category must be uploaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requiredness {
    Optional,
    /// `required = true`: for everyone.
    Always,
    Because(Reason),
}

/// Why a category is required of this candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    Position,
    RegistrationCategory(String),
    Answer { label_zh: String, label_en: String, value: String },
}

impl Requiredness {
    pub fn is_required(&self) -> bool {
        !matches!(self, Requiredness::Optional)
    }

    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Requiredness::Because(reason) => Some(reason),
            _ => None,
        }
    }
}

impl Reason {
    /// "因所选职位要求" and its English, as the exam page and 提交审核 say it.
    pub fn words(&self) -> (String, String) {
        match self {
            Reason::Position => ("因所选职位要求".to_string(), "required by the position chosen".to_string()),
            Reason::RegistrationCategory(category) => {
                (format!("因报考类别为“{category}”"), format!("required for the registration category {category}"))
            }
            Reason::Answer { label_zh, label_en, value } => {
                (format!("因“{label_zh}”填写为“{value}”"), format!("required because {label_en} is {value}"))
            }
        }
    }
}

/// Whether the category with `required` and `when` is required of the candidate `now`.
pub fn requiredness(
    required: bool,
    when: Option<&RequiredWhen>,
    exam: ExamParts<'_>,
    now: &Circumstances<'_>,
) -> Requiredness {
    if required {
        return Requiredness::Always;
    }
    when.and_then(|when| when.reason(exam, now)).map_or(Requiredness::Optional, Requiredness::Because)
}

impl RequiredWhen {
    /// The first condition that holds, in the order the exam file lists their kinds.
    fn reason(&self, exam: ExamParts<'_>, now: &Circumstances<'_>) -> Option<Reason> {
        let chosen = now.position.and_then(|code| find_position(exam.positions, code));
        if let Some((path, leaf)) = chosen {
            if path.iter().chain([&leaf]).any(|node| self.positions.contains(&node.code)) {
                return Some(Reason::Position);
            }
        }
        if let Some(category) =
            now.registration_category.filter(|c| self.registration_categories.iter().any(|r| r == c))
        {
            return Some(Reason::RegistrationCategory(category.to_string()));
        }
        self.answers.iter().find_map(|answer| {
            let typed = now.form.get(&answer.field).map(|value| value.trim())?;
            let field = exam.form.iter().find(|field| field.key == answer.field)?;
            (typed == answer.is).then(|| Reason::Answer {
                label_zh: field.label_zh.clone(),
                label_en: field.label_en.clone(),
                value: answer.is.clone(),
            })
        })
    }

    /// Mistakes in the conditions, in English, for the administrator who wrote them.
    pub fn mistakes(&self, required: bool, exam: ExamParts<'_>) -> Vec<String> {
        let mut mistakes = Vec::new();
        if required {
            mistakes.push("required = true already requires it of everyone; required_when adds nothing".to_string());
        }
        if self.positions.is_empty() && self.registration_categories.is_empty() && self.answers.is_empty() {
            mistakes.push("required_when names no position, registration category or answer".to_string());
        }
        for code in &self.positions {
            if !has_node(exam.positions, code) {
                mistakes.push(format!("required_when names position \"{code}\", which is not in [[positions]]"));
            }
        }
        if self.registration_categories.iter().any(|c| c.trim().is_empty()) {
            mistakes.push("required_when has an empty registration category".to_string());
        }
        for answer in &self.answers {
            match exam.form.iter().find(|field| field.key == answer.field) {
                None => mistakes
                    .push(format!("required_when names form field \"{}\", which is not in [[form]]", answer.field)),
                Some(field) if field.kind != FieldKind::Choice => mistakes
                    .push(format!("required_when reads form field \"{}\", which is not a choice field", answer.field)),
                Some(field) if !field.options.contains(&answer.is) => mistakes.push(format!(
                    "required_when waits for \"{}\" in form field \"{}\", which is not one of its options",
                    answer.is, answer.field
                )),
                Some(_) => {}
            }
        }
        mistakes
    }
}

fn has_node(tree: &[PositionNode], code: &str) -> bool {
    tree.iter().any(|node| node.code == code || has_node(&node.children, code))
}

#[cfg(test)]
mod tests;

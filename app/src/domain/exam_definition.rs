//! An exam as administrators configure it in a TOML file: its identity and its material
//! categories, each with the rules of `CategoryRules`.

use serde::{Deserialize, Serialize};

use super::category_rules::CategoryRules;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamDefinition {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
    pub categories: Vec<CategoryDefinition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDefinition {
    /// Stable key used in URLs and the database, e.g. "id_card".
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// A heading that groups sub-items, e.g. 工作经历材料 over 个人履历材料.
    pub group_zh: Option<String>,
    pub group_en: Option<String>,
    #[serde(default)]
    pub rules: CategoryRules,
}

/// One mistake in an exam file, tied to the category it is in (if any) so tools can point at
/// the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExamMistake {
    pub category: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ExamMistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.category {
            Some(code) => write!(f, "category \"{code}\": {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl ExamDefinition {
    /// Every mistake in the definition, in English, for the administrator who wrote it.
    pub fn validated(mut self) -> Result<Self, Vec<ExamMistake>> {
        let general = |message: &str| ExamMistake { category: None, message: message.to_string() };
        let mut mistakes = Vec::new();
        if self.code.trim().is_empty() {
            mistakes.push(general("code must not be empty"));
        }
        if self.categories.is_empty() {
            mistakes.push(general("an exam needs at least one [[categories]] entry"));
        }
        let mut seen = std::collections::HashSet::new();
        let mut categories = Vec::with_capacity(self.categories.len());
        for mut category in std::mem::take(&mut self.categories) {
            let about = |message: String| ExamMistake { category: Some(category.code.clone()), message };
            if !seen.insert(category.code.clone()) {
                mistakes.push(about("this code is used by two categories".to_string()));
            }
            if category.code.is_empty() || !category.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                mistakes.push(about("a category code must be lower-case letters, digits and _".to_string()));
            }
            match category.rules.clone().validated() {
                Ok(rules) => category.rules = rules,
                Err(errors) => mistakes.extend(errors.into_iter().map(about)),
            }
            categories.push(category);
        }
        self.categories = categories;
        if mistakes.is_empty() { Ok(self) } else { Err(mistakes) }
    }

    pub fn category(&self, code: &str) -> Option<&CategoryDefinition> {
        self.categories.iter().find(|c| c.code == code)
    }
}

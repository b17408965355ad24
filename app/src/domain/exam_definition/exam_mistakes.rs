//! What is wrong with an exam file, every mistake at once, in English for the administrator who
//! wrote it, each tied to the category it is under where it has one.

use super::{is_example_file_name, Eligibility, ExamDefinition};
use crate::domain::personal_form::{form_mistakes, FieldKind};
use crate::domain::position_tree::position_mistakes;

/// One mistake in an exam file, tied to the `code = "…"` it is under (if any) so tools can point
/// at the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExamMistake {
    pub near_code: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ExamMistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.near_code {
            Some(code) => write!(f, "\"{code}\": {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn is_code(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl ExamDefinition {
    /// Every mistake in the definition, in English, for the administrator who wrote it.
    pub fn validated(mut self) -> Result<Self, Vec<ExamMistake>> {
        let general = |message: String| ExamMistake { near_code: None, message };
        let mut mistakes = Vec::new();
        if !is_code(self.code.as_str()) {
            mistakes
                .push(general("code must be lower-case letters, digits, - and _ (for example \"004\")".to_string()));
        }
        if self.title_zh.trim().is_empty() {
            mistakes.push(general("title_zh must not be empty".to_string()));
        }
        if self.pledge_zh.trim().is_empty() {
            mistakes
                .push(general("pledge_zh must not be empty: candidates accept it before anything else".to_string()));
        }
        mistakes.extend(self.windows.mistakes().into_iter().map(general));
        mistakes.extend(form_mistakes(&self.form).into_iter().map(general));
        mistakes.extend(position_mistakes(&self.positions).into_iter().map(general));
        if let Some(fee) = &self.fee {
            mistakes.extend(fee.mistakes().into_iter().map(general));
        }
        if let Some(form) = &self.registration_form {
            mistakes.extend(form.mistakes().into_iter().map(general));
        }
        if let Some(letter) = &self.introduction_letter {
            mistakes.extend(letter.mistakes(&self.form).into_iter().map(general));
        }
        if let Some(helpline) = &self.helpline {
            mistakes.extend(helpline.mistakes().into_iter().map(general));
        }
        if let Some(on_site) = &self.on_site {
            let categories: Vec<&str> = self.categories.iter().map(|c| c.code.as_str()).collect();
            mistakes.extend(on_site.mistakes(&categories).into_iter().map(general));
            for item in &on_site.items {
                if let Some(kind) = item.issued.filter(|kind| !kind.offered_by(&self)) {
                    mistakes.push(general(format!(
                        "on_site: item \"{}\" is issued as {}, which this exam does not print",
                        item.code,
                        kind.key()
                    )));
                }
            }
        }
        if let (Some(fee), Some(on_site)) = (&self.fee, &self.on_site) {
            if fee.online && on_site.fee_after_check {
                mistakes.push(general(
                    "[fee] online = true cannot go with [on_site] fee_after_check = true: a candidate could pay \
                     online before the originals pass on site; take the fee on site only, or drop fee_after_check"
                        .to_string(),
                ));
            }
        }
        if let Some(ticket) = &self.ticket {
            mistakes.extend(ticket.mistakes().into_iter().map(general));
        }
        if let Some(days) = self.upload_days_after_notice {
            if self.eligibility != Eligibility::List {
                mistakes.push(general(
                    "upload_days_after_notice needs eligibility = \"list\": only listed candidates are texted"
                        .to_string(),
                ));
            }
            if !(1..=60).contains(&days) {
                mistakes.push(general(format!("upload_days_after_notice is {days}; it must be 1 to 60 days")));
            }
        }
        if self.categories.is_empty() {
            mistakes.push(general("an exam needs at least one [[categories]] entry".to_string()));
        }
        let mut seen = std::collections::HashSet::new();
        let mut categories = Vec::with_capacity(self.categories.len());
        for mut category in std::mem::take(&mut self.categories) {
            let about = |message: String| ExamMistake { near_code: Some(category.code.clone()), message };
            if !seen.insert(category.code.clone()) {
                mistakes.push(about("this code is used by two categories".to_string()));
            }
            if !is_code(&category.code) {
                mistakes.push(about("a category code must be lower-case letters, digits, - and _".to_string()));
            }
            if !category.slots.is_empty() {
                let slots = category.slots.len() as u32;
                match category.rules.max_count {
                    None => category.rules.max_count = Some(slots),
                    Some(max) if max != slots => {
                        mistakes.push(about(format!("max_count ({max}) differs from the number of slots ({slots})")))
                    }
                    Some(_) => {}
                }
            }
            category.rules.max_count.get_or_insert(crate::domain::category_rules::DEFAULT_MAX_COUNT);
            for example in &category.examples {
                if !is_example_file_name(&example.file) {
                    mistakes.push(about(format!(
                        "example file \"{}\" must be a plain name under examples/ ending in .jpg or .png",
                        example.file
                    )));
                }
            }
            match category.rules.clone().validated() {
                Ok(rules) => category.rules = rules,
                Err(errors) => mistakes.extend(errors.into_iter().map(about)),
            }
            if let Some(when) = &category.required_when {
                mistakes.extend(when.mistakes(category.rules.required, self.parts()).into_iter().map(about));
            }
            if let Some(advice) = &category.advice {
                mistakes.extend(advice.mistakes().into_iter().map(about));
            }
            if !category.face.is_sound() {
                let face = category.face;
                mistakes.push(about(format!(
                    "face = {{ head_share = {:?}, eye_line = {:?}, off_centre = {} }}: each range must run from least to \
                     most within 1–100 %, and off_centre be at most 50 %",
                    face.head_share, face.eye_line, face.off_centre
                )));
            }
            if category.diploma_number && !self.form.iter().any(|field| field.kind == FieldKind::Diplomas) {
                mistakes.push(about(
                    "diploma_number = true compares the number read with the 高等教育学历 rows: the form needs a \
                     field of kind = \"diplomas\""
                        .to_string(),
                ));
            }
            categories.push(category);
        }
        self.categories = categories;
        if let Some(front) = &self.id_card_front {
            if self.category(front).is_none() {
                mistakes
                    .push(general(format!("id_card_front names \"{front}\", which is not a category of this exam")));
            }
        }
        if mistakes.is_empty() {
            Ok(self)
        } else {
            Err(mistakes)
        }
    }
}

//! An exam as administrators configure it in a TOML file: identity, time windows, who may enter,
//! the integrity pledge, the material categories with their rules, slots and examples, the
//! personal-information form and, for recruitment exams, the position tree; the fee and the
//! registration form after approval.

use serde::{Deserialize, Serialize};

use super::admission_ticket::TicketSpec;
use super::category_advice::CategoryAdvice;
use super::category_rules::CategoryRules;
use super::exam_fee::ExamFee;
use super::exam_windows::ExamWindows;
use super::on_site_materials::OnSiteSpec;
use super::personal_form::{form_mistakes, FormField};
use super::picture_quality::PictureKind;
use super::position_tree::{position_mistakes, PositionNode};
use super::qr_code::QrRequirement;
use super::registration_form::RegistrationFormSpec;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamDefinition {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
    pub windows: ExamWindows,
    #[serde(default)]
    pub eligibility: Eligibility,
    /// Seed 004's "请于收到确认短信的五日内上传报名材料": a listed candidate's own days, counted
    /// from the China day the provider accepted the text telling them, to that last day's end;
    /// past it without submitting, the application lapses (逾期放弃). None: the window alone.
    #[serde(default)]
    pub upload_days_after_notice: Option<u32>,
    /// 诚信承诺书: accepted before anything else, and the acceptance is recorded.
    pub pledge_zh: String,
    pub pledge_en: String,
    pub categories: Vec<CategoryDefinition>,
    #[serde(default)]
    pub form: Vec<FormField>,
    #[serde(default)]
    pub positions: Vec<PositionNode>,
    /// What an approved candidate pays, and how; none for a free exam.
    #[serde(default)]
    pub fee: Option<ExamFee>,
    /// 报名登记表 for approved candidates to print and have stamped; none: no form.
    #[serde(default)]
    pub registration_form: Option<RegistrationFormSpec>,
    /// 现场报名材料 (seed 004, 七): what approved candidates bring to the branch's desk; none: no desk.
    #[serde(default)]
    pub on_site: Option<OnSiteSpec>,
    /// 准考证: sessions, rooms and seats, rules for the day; none: no admission ticket.
    #[serde(default)]
    pub ticket: Option<TicketSpec>,
    /// 个人信息保留期限 (个人信息保护法): after this day (China's calendar) the candidates' pictures
    /// and personal forms of this exam are deleted; decisions, results, payments and the audit
    /// stay. Written `personal_data_until = "2027-06-30"`; none: kept until an administrator sets it.
    #[serde(default)]
    pub personal_data_until: Option<chrono::NaiveDate>,
    /// The category whose first picture is the ID card's front (人像面, with the number), written
    /// `id_card_front = "id_card"`: the reviewer's assistant reads the number there and compares
    /// it with the account's. None: no number is read.
    #[serde(default)]
    pub id_card_front: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// Every registered candidate may enter.
    #[default]
    Everyone,
    /// Only candidates on the imported list (ID number and name) may enter.
    List,
    /// Only candidates the registration system names (seed 003): its claim at sign-in through the
    /// authority's identity provider puts them on the list, with their 报考类别 and 考区; an
    /// imported list may add others.
    Registration,
}

impl Eligibility {
    /// Whether the exam keeps a list of who may enter.
    pub fn keeps_a_list(self) -> bool {
        self != Eligibility::Everyone
    }
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
    /// What to photograph, in the seed's words ("首页、考生姓名页、落款页").
    pub hint_zh: Option<String>,
    pub hint_en: Option<String>,
    /// What the pictures show: a document (the default) or a person (an ID photo), for the advice
    /// on how a picture looks (an ID photo's background is checked).
    #[serde(default)]
    pub picture: PictureKind,
    #[serde(default)]
    pub rules: CategoryRules,
    /// Limits that only warn: the upload is still allowed.
    pub advice: Option<CategoryAdvice>,
    /// Whether each picture must carry a readable QR code (a 学信网 report's): advice before
    /// sending, and what the code says on the reviewer's desk.
    #[serde(default)]
    pub qr: QrRequirement,
    /// A fixed set of named places, e.g. 正面 and 反面: sequence number n is slot n.
    #[serde(default)]
    pub slots: Vec<SlotName>,
    #[serde(default)]
    pub examples: Vec<ExampleImage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotName {
    pub name_zh: String,
    pub name_en: String,
}

/// An example picture shipped with the exam: a file beside the exam file, in `examples/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleImage {
    pub file: String,
    pub caption_zh: String,
    pub caption_en: String,
}

impl CategoryDefinition {
    /// How many images a submission needs here: every slot, or one when required.
    pub fn required_count(&self) -> u32 {
        match (self.slots.len() as u32, self.rules.required) {
            (slots, true) if slots > 0 => slots,
            (_, true) => 1,
            (_, false) => 0,
        }
    }

    /// The slot a sequence number stands for, when the category has slots.
    pub fn slot(&self, seq_no: u32) -> Option<&SlotName> {
        self.slots.get((seq_no as usize).checked_sub(1)?)
    }
}

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
        if !is_code(&self.code) {
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
        if let Some(on_site) = &self.on_site {
            let categories: Vec<&str> = self.categories.iter().map(|c| c.code.as_str()).collect();
            mistakes.extend(on_site.mistakes(&categories).into_iter().map(general));
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
            category.rules.max_count.get_or_insert(super::category_rules::DEFAULT_MAX_COUNT);
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
            if let Some(advice) = &category.advice {
                mistakes.extend(advice.mistakes().into_iter().map(about));
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

    pub fn category(&self, code: &str) -> Option<&CategoryDefinition> {
        self.categories.iter().find(|c| c.code == code)
    }
}

/// "examples/id-front.jpg": one folder down, no way out of it.
pub fn is_example_file_name(path: &str) -> bool {
    let Some(name) = path.strip_prefix("examples/") else { return false };
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !name.starts_with('.')
        && (name.ends_with(".jpg") || name.ends_with(".png"))
}

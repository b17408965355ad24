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
use super::face_frame::FaceFrame;
use super::helpline::Helpline;
use super::introduction_letter::IntroductionLetterSpec;
use super::on_site_materials::OnSiteSpec;
use super::personal_form::FormField;
use super::photo_background::PhotoBackgrounds;
use super::picture_quality::{PictureKind, PictureLook};
use super::position_tree::PositionNode;
use super::qr_code::QrRequirement;
use super::record_ids::ExamCode;
use super::registration_form::RegistrationFormSpec;
use super::required_when::{requiredness, Circumstances, ExamParts, RequiredWhen, Requiredness};

mod exam_mistakes;

pub use exam_mistakes::ExamMistake;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamDefinition {
    pub code: ExamCode,
    pub title_zh: String,
    pub title_en: String,
    pub organiser_zh: String,
    pub organiser_en: String,
    pub windows: ExamWindows,
    #[serde(default)]
    pub eligibility: Eligibility,
    /// Seed 004's "请于收到确认短信的五日内上传报名材料": a listed candidate's own days, counted
    /// from the China day the SMS gateway accepted the text telling them, to that last day's end;
    /// past it without submitting, the application lapses (逾期放弃). None: the window alone.
    #[serde(default)]
    pub upload_days_after_notice: Option<u32>,
    /// 报考须知 (seed 002: "阅读'报考须知'页面 … 点击'接受'后进入'承诺书'"): read and accepted on a page
    /// of its own before the pledge, the acceptance recorded with its time. None: the pledge first.
    #[serde(default)]
    pub notice_zh: Option<String>,
    /// The notice in English; the Chinese where the file gives none.
    #[serde(default)]
    pub notice_en: Option<String>,
    /// 诚信承诺书: accepted before anything else (but the 报考须知), and the acceptance is recorded.
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
    /// 介绍信和党员关系证明信 for approved candidates to print and have stamped; none: no letter.
    #[serde(default)]
    pub introduction_letter: Option<IntroductionLetterSpec>,
    /// 现场报名材料 (seed 004, 七): what approved candidates bring to the branch's on-site check; none: no on-site check.
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
    /// 系统使用咨询 (seed 000): phone, email, the days and hours it answers; none: not shown.
    #[serde(default)]
    pub helpline: Option<Helpline>,
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
    /// An ID photo's plain background colours (`backgrounds = ["white"]`); white or blue when unsaid.
    #[serde(default)]
    pub backgrounds: PhotoBackgrounds,
    /// Where an ID photo's head must sit (`face = { head_share = [67, 90], … }`, `face_frame`): the
    /// published rules when unsaid. Asked only of a portrait category.
    #[serde(default)]
    pub face: FaceFrame,
    #[serde(default)]
    pub rules: CategoryRules,
    /// Limits that only warn: the upload is still allowed.
    pub advice: Option<CategoryAdvice>,
    /// Whether each picture must carry a readable QR code (a 学信网 report's): advice before
    /// sending, and what the code says on the review screen.
    #[serde(default)]
    pub qr: QrRequirement,
    /// `holder_id_number = true`: each picture prints its holder's 证件号码 (a 学信网 备案表, a 学位认证报告,
    /// a qualification certificate), which the reviewer's assistant reads and compares with the
    /// account's, as it does the ID card's: another person's record is said so on the review screen.
    #[serde(default)]
    pub holder_id_number: bool,
    /// `diploma_number = true`: each picture prints a diploma's 18-digit 证书编号 (a 学信网 备案表),
    /// which the reviewer's assistant reads and compares with the numbers in the candidate's
    /// 高等教育学历 rows (the form's `kind = "diplomas"` field, which the exam must have).
    #[serde(default)]
    pub diploma_number: bool,
    /// `confirmed_once = true` (seed 002's 报名照片: "核对照片无误后点击'确定' …上传照片信息一旦确认，将不允许
    /// 修改"): the candidate checks the picture as it will print and confirms it, and it is locked
    /// from then on; only a reviewer's return unlocks it (`candidate::photo_confirmation`).
    #[serde(default)]
    pub confirmed_once: bool,
    /// A fixed set of named places, e.g. 正面 and 反面: sequence number n is slot n.
    #[serde(default)]
    pub slots: Vec<SlotName>,
    #[serde(default)]
    pub examples: Vec<ExamplePicture>,
    /// Required of some candidates only (seed 000's "仅部分考生须上传"): for a position, a 报考类别
    /// or an answer on the form (`domain::required_when`).
    pub required_when: Option<RequiredWhen>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotName {
    pub name_zh: String,
    pub name_en: String,
    /// `id_card = true`: the picture in this slot shows the side of the holder's ID card with its
    /// number — alone, or held by the candidate (seed 003's 本人手持身份证内容一面照片) — which the
    /// reviewer's assistant reads and compares with the account's.
    #[serde(default)]
    pub id_card: bool,
}

/// An example picture shipped with the exam: a file beside the exam file, in `examples/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplePicture {
    pub file: String,
    pub caption_zh: String,
    pub caption_en: String,
}

impl CategoryDefinition {
    /// What the advice on how its pictures look checks: their kind and an ID photo's backgrounds.
    pub fn look(&self) -> PictureLook {
        PictureLook { kind: self.picture, backgrounds: self.backgrounds, face: self.face }
    }

    /// Whether this candidate must upload here, and why (`required_when`).
    pub fn requiredness(&self, exam: ExamParts<'_>, now: &Circumstances<'_>) -> Requiredness {
        requiredness(self.rules.required, self.required_when.as_ref(), exam, now)
    }

    /// How many pictures a submission needs here when the category is `required` of the
    /// candidate: every slot, or one.
    pub fn needed_count(&self, required: bool) -> u32 {
        match (self.slots.len() as u32, required) {
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

impl ExamDefinition {
    pub fn category(&self, code: &str) -> Option<&CategoryDefinition> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// What a category's `required_when` may name.
    pub fn parts(&self) -> ExamParts<'_> {
        ExamParts { form: &self.form, positions: &self.positions }
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

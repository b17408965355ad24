//! The documents Zige prints for a candidate, each laid out from a template an administrator may
//! change per exam (issue 13): which ones an exam offers follows from its file.

use serde::{Deserialize, Serialize};

use super::ExamDefinition;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 上传回执: every exam, after submission.
    UploadReceipt,
    /// 报名登记表: exams whose file has a `[registration_form]`.
    RegistrationForm,
    /// 介绍信和党员关系证明信: exams whose file has an `[introduction_letter]`.
    IntroductionLetter,
    /// 缴费凭证: exams whose file has a `[fee]`, for each order paid (缴费记录).
    PaymentReceipt,
    /// 准考证: exams whose file has a `[ticket]`.
    AdmissionTicket,
    /// 材料交接单: what the branch kept at the on-site check from a candidate, printed there (exams whose file
    /// has an `[on_site]`).
    MaterialHandover,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::UploadReceipt,
        DocumentKind::RegistrationForm,
        DocumentKind::IntroductionLetter,
        DocumentKind::PaymentReceipt,
        DocumentKind::AdmissionTicket,
        DocumentKind::MaterialHandover,
    ];

    /// The name stored and used in addresses ("registration_form").
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::UploadReceipt => "upload_receipt",
            DocumentKind::RegistrationForm => "registration_form",
            DocumentKind::IntroductionLetter => "introduction_letter",
            DocumentKind::PaymentReceipt => "payment_receipt",
            DocumentKind::AdmissionTicket => "admission_ticket",
            DocumentKind::MaterialHandover => "material_handover",
        }
    }

    pub fn parse(key: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The downloaded file's name after the exam code ("004-registration-form.pdf").
    pub fn file_stem(self) -> &'static str {
        match self {
            DocumentKind::UploadReceipt => "upload-receipt",
            DocumentKind::RegistrationForm => "registration-form",
            DocumentKind::IntroductionLetter => "introduction-letter",
            DocumentKind::PaymentReceipt => "payment-receipt",
            DocumentKind::AdmissionTicket => "admission-ticket",
            DocumentKind::MaterialHandover => "material-handover",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            DocumentKind::UploadReceipt => "上传回执",
            DocumentKind::RegistrationForm => "报名登记表",
            DocumentKind::IntroductionLetter => "介绍信和党员关系证明信",
            DocumentKind::PaymentReceipt => "缴费凭证",
            DocumentKind::AdmissionTicket => "准考证",
            DocumentKind::MaterialHandover => "材料交接单",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            DocumentKind::UploadReceipt => "Upload receipt",
            DocumentKind::RegistrationForm => "Registration form",
            DocumentKind::IntroductionLetter => "Letter of introduction",
            DocumentKind::PaymentReceipt => "Payment receipt",
            DocumentKind::AdmissionTicket => "Admission ticket",
            DocumentKind::MaterialHandover => "Handover slip",
        }
    }

    /// Seed 004 七 "所有打印材料使用A4纸，不得跨页打印": what the candidate prints for the branch
    /// must fit on one page, and a template that spills is refused.
    pub fn fits_one_page(self) -> bool {
        matches!(self, DocumentKind::RegistrationForm | DocumentKind::IntroductionLetter | DocumentKind::PaymentReceipt)
    }

    /// Whether the exam prints this document at all.
    pub fn offered_by(self, exam: &ExamDefinition) -> bool {
        match self {
            DocumentKind::UploadReceipt => true,
            DocumentKind::RegistrationForm => exam.registration_form.is_some(),
            DocumentKind::IntroductionLetter => exam.introduction_letter.is_some(),
            DocumentKind::PaymentReceipt => exam.fee.is_some(),
            DocumentKind::AdmissionTicket => exam.ticket.is_some(),
            DocumentKind::MaterialHandover => exam.on_site.is_some(),
        }
    }

    /// The documents `exam` prints, in the order a candidate meets them.
    pub fn offered(exam: &ExamDefinition) -> Vec<DocumentKind> {
        DocumentKind::ALL.into_iter().filter(|kind| kind.offered_by(exam)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_again_by_its_key_and_nothing_else_is() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(kind.key()), Some(kind));
        }
        assert_eq!(DocumentKind::parse("letter"), None);
        assert_eq!(DocumentKind::parse(""), None);
    }

    #[test]
    fn the_key_on_the_wire_is_the_key_in_addresses() {
        for kind in DocumentKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.key()));
        }
    }
}

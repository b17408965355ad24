//! The sign-up form, judged the same way in the browser and on the server.

use serde::{Deserialize, Serialize};

pub use super::field_error::FieldError;
use super::id_number::{IdNumber, IdType};
use super::id_validity::IdValidity;
use super::mobile_number::normalized_mobile;
use super::new_password::NewPassword;

/// What a person typed, untrusted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignUpFields {
    pub id_type: String,
    pub id_number: String,
    pub name: String,
    pub mobile: String,
    pub password: String,
    /// Optional: where feedback and results are emailed.
    #[serde(default)]
    pub email: String,
    /// The code texted to `mobile`, where the installation asks for one (`sign_up_codes`).
    #[serde(default)]
    pub mobile_code: String,
    /// A candidate's document's last valid day, or `id_validity::LONG_TERM` (`IdValidity`;
    /// staff accounts are made without it).
    #[serde(default)]
    pub id_valid_until: String,
    /// The check step's fields typed again (`sign_up_check`); a candidate's sign-up needs them.
    #[serde(default)]
    pub typed_again: Option<TypedAgain>,
}

/// What was typed again on the check step (`sign_up_check`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypedAgain {
    pub id_type: String,
    pub id_number: String,
    pub name: String,
}

/// A form that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct SignUpForm {
    pub id_number: IdNumber,
    pub name: String,
    pub mobile: String,
    pub password: NewPassword,
    pub email: Option<String>,
    /// A candidate's document's validity, judged apart (`IdValidity::parse`); None for staff.
    pub id_valid_until: Option<IdValidity>,
}

pub const NAME_MAX_CHARS: usize = 30;

impl SignUpForm {
    /// Every problem, each named at its field.
    pub fn parse(fields: &SignUpFields) -> Result<SignUpForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let id_number = match IdType::from_str_code(&fields.id_type) {
            None => {
                errors.push(FieldError::new("id_type", "请选择证件类型", "Choose a document type"));
                None
            }
            Some(id_type) => IdNumber::parse(id_type, &fields.id_number)
                .map_err(|e| errors.push(FieldError::new("id_number", e.message_zh(), e.message_en())))
                .ok(),
        };
        let name = fields.name.trim().to_string();
        let name_len = name.chars().count();
        if name_len == 0 {
            errors.push(FieldError::new("name", "请填写姓名", "Enter your name"));
        } else if name_len > NAME_MAX_CHARS {
            errors.push(FieldError::new(
                "name",
                format!("姓名 {name_len} 个字，超过上限 {NAME_MAX_CHARS} 个字"),
                format!("The name has {name_len} characters, more than the {NAME_MAX_CHARS} allowed"),
            ));
        }
        let mobile = normalized_mobile(&fields.mobile).unwrap_or_default();
        if mobile.is_empty() {
            errors.push(FieldError::new(
                "mobile",
                "手机号码应为 11 位数字，以 1 开头",
                "The mobile number must be 11 digits starting with 1",
            ));
        }
        let password = NewPassword::parse("password", &fields.password).map_err(|e| errors.push(e)).ok();
        let email = fields.email.trim().to_string();
        if !email.is_empty() && !looks_like_email(&email) {
            errors.push(FieldError::new(
                "email",
                format!("邮箱地址 {email} 格式不正确"),
                format!("The email address {email} is not valid"),
            ));
        }
        let email = (!email.is_empty()).then_some(email);
        match (id_number, password) {
            (Some(id_number), Some(password)) if errors.is_empty() => {
                Ok(SignUpForm { id_number, name, mobile, password, email, id_valid_until: None })
            }
            _ => Err(errors),
        }
    }
}

/// A local part, an @ and a dotted domain, no spaces: enough to catch typing mistakes; the
/// mail server has the last word.
fn looks_like_email(text: &str) -> bool {
    matches!(text.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !text.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> SignUpFields {
        SignUpFields {
            id_type: "resident_id".into(),
            id_number: "11010519491231002x".into(),
            name: " 张三 ".into(),
            mobile: "138 0013 8000".into(),
            password: "exam2026pass".into(),
            email: String::new(),
            mobile_code: String::new(),
            id_valid_until: String::new(),
            typed_again: None,
        }
    }

    #[test]
    fn a_complete_form_is_accepted_and_normalised() {
        let form = SignUpForm::parse(&good()).unwrap();
        assert_eq!(
            (form.id_number.as_str(), form.name.as_str(), form.mobile.as_str()),
            ("11010519491231002X", "张三", "13800138000")
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let fields = SignUpFields {
            id_type: "resident_id".into(),
            id_number: "123".into(),
            name: "".into(),
            mobile: "12".into(),
            password: "short".into(),
            email: "li@example".into(),
            mobile_code: String::new(),
            id_valid_until: String::new(),
            typed_again: None,
        };
        let names: Vec<String> = SignUpForm::parse(&fields).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(names, vec!["id_number", "name", "mobile", "password", "email"]);
    }

    #[test]
    fn an_email_is_optional_but_checked_when_given() {
        assert_eq!(
            SignUpForm::parse(&SignUpFields { email: " li.ming@example.cn ".into(), ..good() })
                .unwrap()
                .email
                .as_deref(),
            Some("li.ming@example.cn")
        );
        for bad in ["li.ming", "@example.cn", "li ming@example.cn", "li@.cn"] {
            assert_eq!(
                SignUpForm::parse(&SignUpFields { email: bad.into(), ..good() }).unwrap_err()[0].field,
                "email",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_password_without_digits_is_refused() {
        let fields = SignUpFields { password: "onlyletters".into(), ..good() };
        assert_eq!(SignUpForm::parse(&fields).unwrap_err()[0].field, "password");
    }
}

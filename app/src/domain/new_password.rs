//! The password rule, one for sign-up, password change and recovery: the browser shows the same
//! message the server answers with.

use super::field_error::FieldError;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 64;

/// A password that meets the rule; the only way to get one is `parse`.
#[derive(Clone, PartialEq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    /// Never printed, not even in a log line or a failed test.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// `field` names the form field the problem is shown at ("password", "new_password").
    pub fn parse(field: &str, typed: &str) -> Result<NewPassword, FieldError> {
        let length = typed.chars().count();
        let has_letter = typed.chars().any(|c| c.is_alphabetic());
        let has_digit = typed.chars().any(|c| c.is_ascii_digit());
        if (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&length) && has_letter && has_digit {
            return Ok(NewPassword(typed.to_string()));
        }
        Err(FieldError::new(
            field,
            format!("密码需 {PASSWORD_MIN_CHARS}–{PASSWORD_MAX_CHARS} 位，且同时包含字母和数字（当前 {length} 位）"),
            format!("The password needs {PASSWORD_MIN_CHARS}–{PASSWORD_MAX_CHARS} characters with both letters and digits (it has {length})"),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_with_letters_and_digits_of_eight_characters_is_accepted() {
        assert_eq!(NewPassword::parse("password", "exam2026").unwrap().as_str(), "exam2026");
    }

    #[test]
    fn a_short_password_is_refused_with_its_length() {
        let error = NewPassword::parse("new_password", "ab12").unwrap_err();
        assert_eq!(error.field, "new_password");
        assert!(error.message_zh.contains("当前 4 位"), "{}", error.message_zh);
    }

    #[test]
    fn a_password_of_letters_only_is_refused() {
        assert!(NewPassword::parse("password", "onlyletters").is_err());
    }

    #[test]
    fn the_password_never_shows_in_debug_output() {
        let password = NewPassword::parse("password", "secret-pass-1").unwrap();
        assert!(!format!("{password:?}").contains("secret"));
    }
}

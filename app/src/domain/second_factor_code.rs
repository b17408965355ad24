//! What a staff member types at the second step of signing in: the six digits their
//! authenticator shows, or one of the ten recovery codes they were given at enrolment. The page
//! judges it before sending and the server again before comparing, with the same message.

use super::field_error::FieldError;

/// Digits of a time-based code (RFC 6238's usual six, what every authenticator app shows).
pub const TOTP_DIGITS: usize = 6;
/// Characters of a recovery code: 50 random bits, shown as two groups of five.
pub const RECOVERY_CODE_CHARS: usize = 10;
/// The recovery codes' alphabet: 32 letters and digits without the look-alikes I/1 and O/0, so
/// a code copied by hand reads back the same.
pub const RECOVERY_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#[derive(Clone, PartialEq, Eq)]
pub enum SecondFactorCode {
    /// Six digits from the authenticator.
    Totp(String),
    /// A recovery code, upper-case, without its hyphen.
    Recovery(String),
}

impl std::fmt::Debug for SecondFactorCode {
    /// Never printed, not even in a log line or a failed test.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecondFactorCode::Totp(_) => f.write_str("Totp(***)"),
            SecondFactorCode::Recovery(_) => f.write_str("Recovery(***)"),
        }
    }
}

impl SecondFactorCode {
    /// Spaces and hyphens are ignored (apps show "123 456", codes are printed "ABCDE-FGHJK"),
    /// and letters may be typed in lower case.
    pub fn parse(typed: &str) -> Result<SecondFactorCode, FieldError> {
        let kept: String =
            typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
        if kept.len() == TOTP_DIGITS && kept.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(SecondFactorCode::Totp(kept));
        }
        if kept.len() == RECOVERY_CODE_CHARS && kept.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
            return Ok(SecondFactorCode::Recovery(kept));
        }
        let length = kept.chars().count();
        Err(FieldError::new(
            "code",
            format!("请输入验证器显示的 {TOTP_DIGITS} 位数字，或一个 {RECOVERY_CODE_CHARS} 位恢复码（当前 {length} 位）"),
            format!(
                "Type the {TOTP_DIGITS} digits your authenticator shows, or a {RECOVERY_CODE_CHARS}-character recovery code (this has {length})"
            ),
        ))
    }

    /// The code as compared: digits, or the recovery code without its hyphen.
    pub fn as_str(&self) -> &str {
        match self {
            SecondFactorCode::Totp(code) | SecondFactorCode::Recovery(code) => code,
        }
    }
}

/// A recovery code as shown to its owner: two groups of five ("ABCDE-FGHJK").
pub fn recovery_code_for_display(code: &str) -> String {
    let (first, second) = code.split_at(code.len() / 2);
    format!("{first}-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_with_the_app_s_space_are_a_time_based_code() {
        assert_eq!(SecondFactorCode::parse(" 287 082 ").unwrap(), SecondFactorCode::Totp("287082".into()));
    }

    #[test]
    fn a_recovery_code_is_read_in_any_case_with_or_without_its_hyphen() {
        let code = SecondFactorCode::Recovery("ABCDEFGHJK".into());
        assert_eq!(SecondFactorCode::parse("abcde-fghjk").unwrap(), code);
        assert_eq!(SecondFactorCode::parse("ABCDEFGHJK").unwrap(), code);
    }

    #[test]
    fn a_code_with_a_look_alike_letter_or_the_wrong_length_is_refused_with_its_length() {
        let error = SecondFactorCode::parse("12345").unwrap_err();
        assert_eq!(error.field, "code");
        assert!(error.message_zh.contains("当前 5 位"), "{}", error.message_zh);
        assert!(error.message_en.contains("this has 5"), "{}", error.message_en);
        assert!(SecondFactorCode::parse("ABCDE-FGHIO").is_err(), "I and O are never in a recovery code");
        assert!(SecondFactorCode::parse("1234567").is_err());
    }

    #[test]
    fn a_recovery_code_is_shown_as_two_groups_of_five() {
        assert_eq!(recovery_code_for_display("ABCDEFGHJK"), "ABCDE-FGHJK");
    }

    #[test]
    fn a_code_is_never_printed() {
        let printed = format!("{:?}", SecondFactorCode::parse("287082").unwrap());
        assert!(!printed.contains("287082"), "{printed}");
    }
}

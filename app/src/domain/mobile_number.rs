//! A mainland mobile number as people type it ("138 0013 8000", "138-0013-8000"): eleven digits
//! starting with 1 once spaces and dashes are gone. Sign-up and the eligibility list judge it
//! alike.

/// The number's eleven digits, or None when it is not a mobile number.
pub fn normalized_mobile(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_dashes_go_and_anything_but_eleven_digits_from_1_is_refused() {
        assert_eq!(normalized_mobile(" 138 0013-8000 ").as_deref(), Some("13800138000"));
        assert_eq!(normalized_mobile("23800138000"), None);
        assert_eq!(normalized_mobile("1380013800"), None);
        assert_eq!(normalized_mobile("1380013800a"), None);
    }
}

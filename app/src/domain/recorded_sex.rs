//! The sex a resident ID number records (GB 11643: the 17th digit, odd for men and even for
//! women), for the documents that print it beside the number. Other documents' numbers do not
//! record it, and nothing asks the candidate again.

/// 男 or 女 from an 18-character resident ID number (or a residence permit's, which follows the
/// same rule); none from any other number.
pub fn recorded_sex_zh(id_number: &str) -> Option<&'static str> {
    let bytes = id_number.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(if (bytes[16] - b'0') % 2 == 1 { "男" } else { "女" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seventeenth_digit_says_it_and_other_numbers_say_nothing() {
        assert_eq!(recorded_sex_zh("110101199003077777"), Some("男"));
        assert_eq!(recorded_sex_zh("110101199003077627"), Some("女"));
        assert_eq!(recorded_sex_zh("E12345678"), None);
        assert_eq!(recorded_sex_zh("1101011990030777"), None);
    }
}

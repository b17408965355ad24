//! What an exam charges an approved candidate (`[fee]` in the exam file): an amount in whole fen
//! (never a float), and how it may be paid — online through a payment gateway (seed 002), on site
//! where staff record it (seed 004), or either.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamFee {
    /// The amount in fen (1 yuan = 100 fen).
    pub amount_fen: u32,
    #[serde(default)]
    pub online: bool,
    #[serde(default)]
    pub on_site: bool,
}

impl ExamFee {
    /// Every mistake, in English, for the administrator who wrote the exam file.
    pub fn mistakes(&self) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.amount_fen == 0 {
            mistakes.push("[fee] amount_fen must be above 0 (leave [fee] out for a free exam)".to_string());
        }
        if !self.online && !self.on_site {
            mistakes.push("[fee] must allow online = true, on_site = true, or both".to_string());
        }
        mistakes
    }
}

/// "¥100.00" from 10000 fen.
pub fn format_yuan(fen: u64) -> String {
    format!("¥{}.{:02}", fen / 100, fen % 100)
}

/// "100.00" from 10000 fen: the amount as the payment gateways write it (Alipay's
/// `total_amount`, WeChat Pay's bill).
pub fn yuan_text(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// 10000 fen from "100.00", "100.0" or "100"; None for anything else (a sign, more than two
/// decimals, an exponent, spaces), so a gateway's amount is never rounded into another.
pub fn parse_yuan(text: &str) -> Option<u64> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) || decimals.len() > 2 || text.ends_with('.') {
        return None;
    }
    let fen = format!("{decimals:0<2}").parse::<u64>().ok()?;
    whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(fen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gateway_s_amount_is_read_to_the_fen_or_not_at_all() {
        assert_eq!(parse_yuan("100.00"), Some(10000));
        assert_eq!(parse_yuan("0.1"), Some(10));
        assert_eq!(parse_yuan("88"), Some(8800));
        for bad in [
            "",
            ".5",
            "5.",
            " 6.00",
            "1.005",
            "-1.00",
            "+1.00",
            "1e3",
            "1,000.00",
            "1. 00",
            "¥1.00",
            "0x10",
            "99999999999999999999",
        ] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        assert_eq!(yuan_text(10000), "100.00");
        assert_eq!(parse_yuan(&yuan_text(12345)), Some(12345));
    }

    #[test]
    fn amounts_are_shown_in_yuan_to_the_fen() {
        assert_eq!(format_yuan(10000), "¥100.00");
        assert_eq!(format_yuan(5), "¥0.05");
        assert_eq!(format_yuan(12345), "¥123.45");
    }

    #[test]
    fn a_fee_needs_an_amount_and_a_way_to_pay() {
        assert!(ExamFee { amount_fen: 10000, online: true, on_site: false }.mistakes().is_empty());
        assert_eq!(ExamFee { amount_fen: 0, online: false, on_site: false }.mistakes().len(), 2);
    }
}

//! Amounts and times as Alipay writes them: yuan as a decimal string with two places ("100.00"),
//! and wall-clock times in Beijing (UTC+8, no zone written). Amounts are read exactly, digit by
//! digit, never through a float, and anything but a plain amount is refused.

use chrono::{DateTime, FixedOffset, Utc};

/// 10000 fen → "100.00".
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// "100.00", "100.5" or "100" → fen; None for a sign, a third decimal, spaces, an exponent or
/// anything else that is not a plain amount.
pub fn fen(yuan: &str) -> Option<u64> {
    let (whole, decimals) = yuan.split_once('.').unwrap_or((yuan, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) || decimals.len() > 2 || yuan.ends_with('.') {
        return None;
    }
    let cents: u64 = format!("{decimals:0<2}").parse().ok()?;
    whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(cents)
}

/// `yyyy-MM-dd HH:mm:ss` in Beijing time: `timestamp`, `time_expire`.
pub fn beijing_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing()).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_are_written_as_yuan_with_two_places() {
        assert_eq!(yuan(10000), "100.00");
        assert_eq!(yuan(1), "0.01");
        assert_eq!(yuan(8888), "88.88");
    }

    #[test]
    fn only_a_plain_amount_is_read() {
        assert_eq!(fen("100.00"), Some(10000));
        assert_eq!(fen("0.10"), Some(10));
        assert_eq!(fen("88.8"), Some(8880));
        assert_eq!(fen("7"), Some(700));
        for bad in ["", ".5", "5.", "1.005", "-1.00", "+1.00", "1e2", " 1.00", "1,00", "0x10", "99999999999999999999"] {
            assert_eq!(fen(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_are_beijing_wall_clock() {
        let at = DateTime::parse_from_rfc3339("2024-01-02T07:04:05Z").unwrap().with_timezone(&Utc);
        assert_eq!(beijing_time(at), "2024-01-02 15:04:05");
    }
}

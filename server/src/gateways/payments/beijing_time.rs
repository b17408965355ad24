//! Times as the gateways write them: Beijing's wall clock (UTC+8), as Alipay's
//! `yyyy-MM-dd HH:mm:ss` (no zone written) and as WeChat Pay's RFC 3339 with `+08:00`. Amounts
//! are `app::domain::exam_fee`'s `yuan_text` and `parse_yuan`.

use chrono::{DateTime, FixedOffset, Utc};

/// `yyyy-MM-dd HH:mm:ss` in Beijing time: Alipay's `timestamp`, `time_expire`.
pub fn beijing_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing()).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// RFC 3339 in Beijing's offset: WeChat Pay's `time_expire`.
pub fn beijing_rfc3339(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn beijing() -> FixedOffset {
    app::domain::china_day::china_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_beijing_wall_clock() {
        let at = DateTime::parse_from_rfc3339("2024-01-02T07:04:05Z").unwrap().with_timezone(&Utc);
        assert_eq!(beijing_time(at), "2024-01-02 15:04:05");
        assert_eq!(beijing_rfc3339(at), "2024-01-02T15:04:05+08:00");
    }
}
